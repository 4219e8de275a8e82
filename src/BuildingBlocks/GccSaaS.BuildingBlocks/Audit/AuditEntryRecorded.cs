using MediatR;

namespace GccSaaS.BuildingBlocks.Audit;

/// <summary>
/// One successful state-changing command, written to the executing module's outbox in the command's own
/// transaction (so a rolled-back command leaves no entry) and appended to the tenant's audit log by the
/// shell. <see cref="Details"/> is the command as JSON with secrets redacted (<see cref="AuditRedaction"/>).
/// <see cref="UserId"/> is null and <see cref="Actor"/> is <c>system</c> when nobody signed in acted
/// (a job, an outbox handler).
/// </summary>
public sealed record AuditEntryRecorded(
    Guid TenantId,
    Guid EntryId,
    DateTimeOffset OccurredAt,
    string Action,
    string Module,
    string Details,
    Guid? UserId,
    string Actor,
    Guid? ApiKeyId,
    string? CorrelationId) : INotification
{
    /// <summary>The actor recorded when no user or API key is behind the command.</summary>
    public const string SystemActor = "system";
}
