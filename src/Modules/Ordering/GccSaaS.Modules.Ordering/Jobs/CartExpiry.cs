using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.Modules.Ordering.Jobs;

/// <summary>R-PC-8: a cart the expiry job found past its 7 days is <see cref="Expired"/>: it cannot change or be checked out.</summary>
internal static class CartExpiry
{
    public const string Expired = "Expired";

    public const string JobName = "cart-expiry-sweep";

    public const int DefaultBatchSize = 500;

    /// <summary><c>Ordering:CartExpirySweepInterval</c>, default 15 minutes (checkout checks the expiry itself; the job tidies up).</summary>
    public static TimeSpan Interval(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue<TimeSpan?>("Ordering:CartExpirySweepInterval") ?? TimeSpan.FromMinutes(15);

    /// <summary><c>Ordering:CartExpiryBatchSize</c>, default 500: how many carts one statement (one transaction) marks at most.</summary>
    public static int BatchSize(IServiceProvider services) =>
        Math.Clamp(services.GetRequiredService<IConfiguration>().GetValue<int?>("Ordering:CartExpiryBatchSize") ?? DefaultBatchSize, 1, 10_000);
}

/// <summary>
/// R-PC-8: marks at most <paramref name="BatchSize"/> of the tenant's active carts past <c>expires_at</c> as Expired, in
/// one set-based UPDATE (no round trip per cart), oldest expiry first; answers how many it marked. Carts a checkout
/// holds locked are skipped (<c>SKIP LOCKED</c>): that checkout decides them, and the next run takes what is left.
/// Idempotent: an Expired cart is never touched again. Not a "Command": the system's sweep is not a user's act and is not
/// written to the audit log.
/// </summary>
internal sealed record ExpireDueCartsBatch(int BatchSize) : IRequest<int>;

internal sealed class ExpireDueCartsBatchHandler(OrderingDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<ExpireDueCartsBatch, int>
{
    public async Task<int> Handle(ExpireDueCartsBatch request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var now = clock.GetUtcNow();
        // The batch is chosen once (a materialised CTE): a locking subquery joined in the UPDATE could be rescanned and,
        // skipping the rows this statement already updated, pick the next batch again and again.
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH due AS MATERIALIZED (
                SELECT id
                  FROM ordering.carts
                 WHERE tenant_id = {tenant.Id} AND status = {CartStatuses.Active} AND expires_at <= {now}
                 ORDER BY expires_at, id
                 LIMIT {request.BatchSize}
                   FOR UPDATE SKIP LOCKED)
            UPDATE ordering.carts c
               SET status = {CartExpiry.Expired}, last_modified_at = {now}, last_modified_by = {AuditEntryRecorded.SystemActor}
              FROM due
             WHERE c.tenant_id = {tenant.Id} AND c.id = due.id AND c.status = {CartStatuses.Active}
            """, cancellationToken);
    }
}

/// <summary>
/// R-PC-8: every <c>Ordering:CartExpirySweepInterval</c>, per tenant (row-level security scopes each tenant's statements
/// to its own carts): expire due carts in batches of <c>Ordering:CartExpiryBatchSize</c>, each batch its own short
/// transaction, until a batch comes back short.
/// </summary>
internal sealed class CartExpirySweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<CartExpirySweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var batchSize = CartExpiry.BatchSize(scopedServices);
        var mediator = scopedServices.GetRequiredService<IMediator>();
        while (await mediator.Send(new ExpireDueCartsBatch(batchSize), cancellationToken) == batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
