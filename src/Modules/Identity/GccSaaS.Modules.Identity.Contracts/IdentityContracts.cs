using MediatR;

namespace GccSaaS.Modules.Identity.Contracts;

/// <summary>A user's role in one tenant and, for a reseller user, the reseller organisation they work for.</summary>
public sealed record MembershipDto(Guid TenantId, Guid UserId, string Role, Guid? ResellerOrganisationId);

/// <summary>The user's membership in the tenant, or null when the user is not a member there.</summary>
public sealed record GetMembershipQuery(Guid TenantId, Guid UserId) : IRequest<MembershipDto?>;

/// <summary>
/// R-REL-2: makes the user a Reseller admin of the organisation in the tenant (nothing when the user is a member
/// already). Sent by Relationships while accepting a partnership: it joins that command's transaction (ADR 0017).
/// </summary>
public sealed record GrantResellerAdminCommand(Guid TenantId, Guid UserId, Guid ResellerOrganisationId) : IRequest<Unit>;

/// <summary>R-REL-3: ends every membership of the organisation's users in the tenant; answers how many ended.</summary>
public sealed record EndResellerOrganisationMembershipsCommand(Guid TenantId, Guid ResellerOrganisationId) : IRequest<int>;

/// <summary>A member of a tenant, as notifications and dashboards address and count them.</summary>
public sealed record TenantMemberDto(Guid UserId, string DisplayName, string Email, string Role, Guid? ResellerOrganisationId);

/// <summary>The tenant's members ordered by name, optionally only those holding <paramref name="Role"/>.</summary>
public sealed record ListTenantMembersQuery(Guid TenantId, string? Role = null) : IRequest<IReadOnlyList<TenantMemberDto>>;

/// <summary>Whether a portal account exists for the address (someone arriving through a module's invitation link).</summary>
public sealed record PortalAccountExistsQuery(string Email) : IRequest<bool>;

/// <summary>The outcome of registering a portal account: the new user's id, or the reasons in the caller's language.</summary>
public sealed record PortalAccountRegistration(Guid? UserId, IReadOnlyList<string> Errors);

/// <summary>
/// Registers a portal account for an address that received a module's invitation link (the link proves the
/// address, so it is confirmed).
/// </summary>
public sealed record RegisterPortalAccountCommand(string Email, string DisplayName, string Password) : IRequest<PortalAccountRegistration>;

/// <summary>
/// What the password rules say of <paramref name="Password"/> for a new account at <paramref name="Email"/>, in the
/// caller's language; empty when the password is good. Lets a registration form name every problem at once.
/// </summary>
public sealed record CheckNewPasswordQuery(string Email, string Password) : IRequest<IReadOnlyList<string>>;

/// <summary>Signs the account in to the portal in the current request (after it registered through an invitation link).</summary>
public sealed record SignInPortalAccountCommand(Guid UserId) : IRequest<Unit>;

/// <summary>A demo membership: the tenant, the role there and, for a reseller user, the reseller organisation.</summary>
public sealed record DemoMembership(Guid TenantId, string Role, Guid? ResellerOrganisationId);

/// <summary>A demo account: e-mail, display name, platform role (if any) and its memberships.</summary>
public sealed record DemoAccount(string Email, string DisplayName, string? PlatformRole, IReadOnlyList<DemoMembership> Memberships);

/// <summary>
/// Seeds the demo's accounts, platform roles and memberships (<c>Demo:Seed=true</c> only), idempotently; answers each
/// account's user id by e-mail. The password is for the demo only.
/// </summary>
public sealed record SeedDemoIdentityCommand(string Password, IReadOnlyList<DemoAccount> Accounts) : IRequest<IReadOnlyDictionary<string, Guid>>;
