using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;

namespace GccSaaS.Modules.Identity.Features.PlatformAudit;

/// <summary>
/// <see cref="IPlatformAuditLog"/> over <c>identity.platform_audit_entries</c> (issue 18): one insert, in the scope's open
/// transaction when there is one (a command's), else on its own (a sign-in).
/// </summary>
internal sealed class PlatformAuditLog(GccSaaSIdentityDbContext db, DatabaseSession session, TimeProvider clock) : IPlatformAuditLog
{
    public async Task RecordAsync(PlatformAuditEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        session.Join(db);
        var actor = entry.Actor.Length <= 256 ? entry.Actor : entry.Actor[..256];
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, user_id, actor, api_key_id, correlation_id, tenant_id)
            VALUES ({clock.GetUtcNow()}, {entry.Action}, {entry.Module}, {entry.Details}, {entry.UserId}, {actor}, {entry.ApiKeyId}, {CorrelationContext.Current}, {entry.TenantId})
            """,
            cancellationToken);
    }
}

/// <summary>
/// Sign-in events for the platform audit log: who (when the account exists), never what was typed, and the tenant whose
/// workspace a sign-in lands in when it lands in one (issue 16).
/// </summary>
internal static class SignInAudit
{
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignedOut = "SignedOut";

    public static Task RecordAsync(IPlatformAuditLog log, string action, GccSaaSUser? user, CancellationToken cancellationToken, Guid? tenantId = null) =>
        log.RecordAsync(
            new PlatformAuditEvent(action, IdentityModule.Name, "{}", user?.Id, user?.DisplayName is { Length: > 0 } name ? name : user?.Email ?? AuditEntryRecorded.SystemActor, null, tenantId),
            cancellationToken);

    public static Task RecordAsync(IPlatformAuditLog log, string action, CurrentUser? user, CancellationToken cancellationToken) =>
        log.RecordAsync(
            new PlatformAuditEvent(action, IdentityModule.Name, "{}", user?.UserId, user?.DisplayName ?? AuditEntryRecorded.SystemActor, user?.ApiKeyId),
            cancellationToken);
}
