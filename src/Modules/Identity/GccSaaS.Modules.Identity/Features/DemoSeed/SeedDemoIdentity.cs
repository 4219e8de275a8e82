using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Identity.Features.DemoSeed;

/// <summary>
/// The demo's accounts, platform roles and memberships (<c>Demo:Seed=true</c>), idempotent so a restart keeps what
/// the user did. The password is for the demo only.
/// </summary>
internal sealed class SeedDemoIdentityHandler(
    UserManager<GccSaaSUser> users,
    RoleManager<GccSaaSRole> roles,
    GccSaaSIdentityDbContext db,
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

            foreach (var membership in demo.Memberships)
            {
                if (!await db.Memberships.AnyAsync(m => m.TenantId == membership.TenantId && m.UserId == user.Id, cancellationToken))
                {
                    db.Memberships.Add(new Membership
                    {
                        TenantId = membership.TenantId,
                        UserId = user.Id,
                        Role = membership.Role,
                        ResellerOrganisationId = membership.ResellerOrganisationId,
                        CreatedAt = clock.GetUtcNow(),
                    });
                }
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
