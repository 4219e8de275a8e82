using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Data;

/// <summary>A person who signs in. Users are platform-wide: one account, any number of memberships.</summary>
internal sealed class GccSaaSUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The time zone the portal shows this user's times in (IANA id); null follows the browser's.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>A platform role (Platform admin, Validation reviewer), held platform-wide.</summary>
internal sealed class GccSaaSRole : IdentityRole<Guid>;

/// <summary>
/// R-PAR-1: a user's role in one tenant; for reseller roles also the reseller organisation (partner
/// directory id) whose customers the user works with.
/// </summary>
internal sealed class Membership
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public string Role { get; set; } = string.Empty;

    public Guid? ResellerOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An invitation to join a tenant with a role. The link carries a 256-bit token; only its SHA-256 hash is
/// stored. Single use, expires, revocable.
/// </summary>
internal sealed class UserInvitation
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Email { get; set; } = string.Empty;

    public string NormalizedEmail { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public Guid? ResellerOrganisationId { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public Guid? InvitedByUserId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsPending(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}

/// <summary>
/// A tenant-scoped API credential carrying a role. The secret is shown once; only its SHA-256 hash is
/// stored, next to a public prefix that finds the key before its tenant is known.
/// </summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? RevokedByUserId { get; set; }

    /// <summary>After this the key is refused (401 <c>api_key_expired</c>); by default one year after creation.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>A reseller admin's key: the reseller organisation it acts for (with a reseller role); null for provider keys.</summary>
    public Guid? ResellerOrganisationId { get; set; }

    /// <summary>Set when the key was rotated: the key that replaced it (this one then expires after a short overlap).</summary>
    public Guid? ReplacedByKeyId { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>
/// A platform API credential of one platform user (Platform admin, Validation reviewer). It has no tenant
/// and no role of its own: each use carries the creator's platform roles as they are at that moment, so a
/// user who loses a role loses the key's power with it. It authenticates only routes under
/// <c>/v1/platform/</c>. The secret is shown once; only its SHA-256 hash is stored.
/// </summary>
internal sealed class PlatformApiKey
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>After this the key is refused (401 <c>api_key_expired</c>); by default one year after creation.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the key was rotated: the key that replaced it (this one then expires after a short overlap).</summary>
    public Guid? ReplacedByKeyId { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>One line of the platform audit log (issue 18): an act without a tenant. Append-only.</summary>
internal sealed class PlatformAuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Action { get; set; } = string.Empty;

    public string Module { get; set; } = string.Empty;

    public string Details { get; set; } = string.Empty;

    public Guid? UserId { get; set; }

    public string Actor { get; set; } = string.Empty;

    public Guid? ApiKeyId { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>The tenant the act concerns (a sign-in into its workspace, a platform act on it), none for the others (issue 16).</summary>
    public Guid? TenantId { get; set; }
}

/// <summary>A Data Protection key ring entry, shared by every host so each reads the others' cookies.</summary>
internal sealed class DataProtectionKey
{
    public string FriendlyName { get; set; } = string.Empty;

    public string Xml { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
