namespace GccSaaS.BuildingBlocks.Audit;

/// <summary>
/// One act without a tenant (issue 18): a command that ran with no tenant (creating a tenant, two-factor changes, platform
/// operators' acts) or a sign-in event. <see cref="Details"/> is redacted like the tenant audit log's
/// (<see cref="AuditRedaction"/>); no secret ever goes in.
/// </summary>
public sealed record PlatformAuditEvent(string Action, string Module, string Details, Guid? UserId, string Actor, Guid? ApiKeyId);

/// <summary>
/// The platform audit log: append-only, read by the platform operator. Written in the caller's transaction when there is
/// one (so a rolled-back command leaves no line), else on its own. The Identity module implements it.
/// </summary>
public interface IPlatformAuditLog
{
    Task RecordAsync(PlatformAuditEvent entry, CancellationToken cancellationToken);
}
