using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Features.DemoSeed;

/// <summary>
/// The demo's accounts, platform roles and memberships (<c>Demo:Seed=true</c>), idempotent so a restart keeps what
/// the user did. The password is for the demo only.
/// </summary>
internal sealed class SeedDemoIdentityHandler(
    UserManager<GccSaaSUser> users,
    RoleManager<GccSaaSRole> roles,
    GccSaaSIdentityDbContext db,
    DatabaseSession session,
    TimeProvider clock)
    : IRequestHandler<SeedDemoIdentityCommand, IReadOnlyDictionary<string, Guid>>
{
    public async Task<IReadOnlyDictionary<string, Guid>> Handle(SeedDemoIdentityCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var role in GccSaaSRoles.PlatformRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new GccSaaSRole { Id = Guid.CreateVersion7(), Name = role }));
            }
        }

        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var demo in request.Accounts)
        {
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new GccSaaSUser
                {
                    Id = Guid.CreateVersion7(),
                    UserName = demo.Email,
                    Email = demo.Email,
                    EmailConfirmed = true,
                    DisplayName = demo.DisplayName,
                    CreatedAt = clock.GetUtcNow(),
                };
                Check(await users.CreateAsync(user, request.Password));
            }

            if (demo.PlatformRole is { } platformRole && !await users.IsInRoleAsync(user, platformRole))
            {
                Check(await users.AddToRoleAsync(user, platformRole));
            }

            // The user's own memberships through the named path; each new one is written in its tenant (ADR 0021).
            var held = await db.Memberships.FromSql($"SELECT * FROM identity.memberships_of_user({user.Id})").AsNoTracking()
                .Select(m => m.TenantId).ToListAsync(cancellationToken);
            foreach (var membership in demo.Memberships.Where(m => !held.Contains(m.TenantId)))
            {
                var userId = user.Id;
                await session.InTenantAsync(membership.TenantId, async () =>
                {
                    db.Memberships.Add(new Membership
                    {
                        TenantId = membership.TenantId,
                        UserId = userId,
                        Role = membership.Role,
                        ResellerOrganisationId = membership.ResellerOrganisationId,
                        CreatedAt = clock.GetUtcNow(),
                    });
                    return await db.SaveChangesAsync(cancellationToken);
                }, cancellationToken);
            }

            ids[demo.Email] = user.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ids;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
