using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Host.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Host.Identity;

/// <summary>
/// Reseller memberships for Relationships (R-REL-2, R-REL-3). Identity tables are not RLS-fenced: every
/// statement names its tenant explicitly. Each change commits at once in the identity store.
/// </summary>
internal sealed class ResellerMemberships(GccSaaSIdentityDbContext db, TimeProvider clock) : IResellerMemberships
{
    public async Task<(string Role, Guid? ResellerOrganisationId)?> MembershipAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken);
        return membership is null ? null : (membership.Role, membership.ResellerOrganisationId);
    }

    public async Task GrantResellerAdminAsync(Guid tenantId, Guid userId, Guid resellerOrganisationId, CancellationToken cancellationToken = default)
    {
        if (await db.Memberships.AnyAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken))
        {
            return;
        }

        db.Memberships.Add(new Membership
        {
            TenantId = tenantId,
            UserId = userId,
            Role = GccSaaSRoles.ResellerAdmin,
            ResellerOrganisationId = resellerOrganisationId,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<int> EndResellerOrganisationAsync(Guid tenantId, Guid resellerOrganisationId, CancellationToken cancellationToken = default) =>
        db.Memberships
            .Where(m => m.TenantId == tenantId && m.ResellerOrganisationId == resellerOrganisationId)
            .ExecuteDeleteAsync(cancellationToken);
}

/// <summary>Accounts for people arriving through a module's invitation link (see <see cref="IPortalAccounts"/>).</summary>
internal sealed class PortalAccounts(UserManager<GccSaaSUser> users, SignInManager<GccSaaSUser> signIn, TimeProvider clock) : IPortalAccounts
{
    public async Task<bool> ExistsAsync(string email, CancellationToken cancellationToken = default) =>
        await users.FindByEmailAsync(email) is not null;

    public async Task<AccountRegistration> RegisterAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var user = new GccSaaSUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            // The address received the link, which proves it.
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? new AccountRegistration(user.Id, [])
            : new AccountRegistration(null, [.. created.Errors.Select(e => e.Description)]);
    }

    public async Task SignInAsync(HttpContext context, Guid userId)
    {
        if (await users.FindByIdAsync(userId.ToString("D")) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }
    }
}
