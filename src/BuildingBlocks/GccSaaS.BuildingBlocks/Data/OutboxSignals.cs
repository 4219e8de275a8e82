namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// The SQL of <c>platform.outbox_signals</c>: a row per (module schema, tenant) with outbox work, touched in
/// the transaction that writes the outbox rows, read by the outbox sweep (Jobs) and the dispatcher (Messaging).
/// </summary>
internal static class OutboxSignals
{
    public const string Touch = """
        INSERT INTO platform.outbox_signals (module_schema, tenant_id, touched_at)
        VALUES ({0}, {1}, clock_timestamp())
        ON CONFLICT (module_schema, tenant_id) DO UPDATE SET touched_at = clock_timestamp()
        """;

    public const string Oldest = """
        SELECT module_schema AS "ModuleSchema", tenant_id AS "TenantId"
          FROM platform.outbox_signals
         ORDER BY touched_at
         LIMIT {0}
        """;

    /// <summary>
    /// Forgets a signal once its module has nothing unprocessed for the tenant (the outbox read is fenced to
    /// the current tenant by RLS) and it has been idle for the grace period, so a transaction still writing
    /// to it when the sweep looked cannot lose its signal.
    /// </summary>
    public static string ForgetIdle(string outboxTable) => $$"""
        DELETE FROM platform.outbox_signals s
         WHERE s.module_schema = {0} AND s.tenant_id = {1} AND s.touched_at < {2}
           AND NOT EXISTS (SELECT 1 FROM {{outboxTable}} o WHERE o.processed_at IS NULL)
        """;
}

internal sealed record OutboxSignal(string ModuleSchema, Guid TenantId);
