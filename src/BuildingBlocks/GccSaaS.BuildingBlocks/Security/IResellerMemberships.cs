using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// Reseller users' memberships in a provider's tenant (R-REL-2, R-REL-3), kept by the host's identity area.
/// Relationships grants one when a reseller accepts a partnership and ends them all when the partnership is
/// removed, in the same request, so the reseller can no longer act in that tenant.
/// </summary>
public interface IResellerMemberships
{
    /// <summary>The user's role in the tenant and, for a reseller user, its organisation; null when not a member.</summary>
    Task<(string Role, Guid? ResellerOrganisationId)?> MembershipAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Makes the user a Reseller admin of the organisation in the tenant (nothing when it already is one).</summary>
    Task GrantResellerAdminAsync(Guid tenantId, Guid userId, Guid resellerOrganisationId, CancellationToken cancellationToken = default);

    /// <summary>Ends every membership of the organisation's users in the tenant; answers how many ended.</summary>
    Task<int> EndResellerOrganisationAsync(Guid tenantId, Guid resellerOrganisationId, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of registering a portal account: the new user's id, or localised reasons.</summary>
public sealed record AccountRegistration(Guid? UserId, IReadOnlyList<string> Errors);

/// <summary>
/// Portal accounts for people who arrive through a module's invitation link (a reseller admin accepting a
/// partnership): whether an address has an account, registering one, and signing it in.
/// </summary>
public interface IPortalAccounts
{
    Task<bool> ExistsAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Registers an account for an address that received an invitation link (which proves the address).</summary>
    Task<AccountRegistration> RegisterAsync(string email, string displayName, string password, CancellationToken cancellationToken = default);

    Task SignInAsync(HttpContext context, Guid userId);
}
