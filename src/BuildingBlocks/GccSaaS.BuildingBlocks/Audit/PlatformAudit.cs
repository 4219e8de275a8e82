namespace GccSaaS.BuildingBlocks.Audit;

/// <summary>
/// One act without a tenant (issue 18): a command that ran with no tenant (creating a tenant, two-factor changes, platform
/// operators' acts) or a sign-in event. <see cref="Details"/> is redacted like the tenant audit log's
/// (<see cref="AuditRedaction"/>); no secret ever goes in. <see cref="TenantId"/> is the tenant the act concerns when it
/// concerns one (a sign-in into its workspace, a platform act on it; issue 16: the log is filtered by it).
/// </summary>
public sealed record PlatformAuditEvent(string Action, string Module, string Details, Guid? UserId, string Actor, Guid? ApiKeyId, Guid? TenantId = null);

/// <summary>
/// The tenant a platform act concerns (issue 16), told by the handler that knows it (the tenant it created, the tenant
/// whose request it decided) and written with the act's platform audit line by the audit behaviour. One per request
/// scope; an act that concerns no tenant leaves it empty.
/// </summary>
public sealed class PlatformAuditSubject
{
    public Guid? TenantId { get; private set; }

    public void Concerns(Guid tenantId) => TenantId = tenantId;
}

/// <summary>
/// The platform audit log: append-only, read by the platform operator. Written in the caller's transaction when there is
/// one (so a rolled-back command leaves no line), else on its own. The Identity module implements it.
/// </summary>
public interface IPlatformAuditLog
{
    Task RecordAsync(PlatformAuditEvent entry, CancellationToken cancellationToken);
}
