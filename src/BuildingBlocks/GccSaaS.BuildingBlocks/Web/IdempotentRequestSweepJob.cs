using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// Deletes the <c>MS-RequestId</c> records whose retention has passed, tenant by tenant, every
/// <c>Idempotency:SweepInterval</c>. Correctness never waits for it: an expired record is treated as
/// forgotten when its id comes back; the sweep only keeps the table small.
/// </summary>
internal sealed class IdempotentRequestSweepJob(
    IServiceScopeFactory scopes,
    ITenantContextAccessor tenants,
    TimeProvider clock,
    ILogger<IdempotentRequestSweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string Name = "idempotent-requests-sweep";

    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await scopedServices.GetRequiredService<IdempotencyDbContext>().Requests
            .Where(r => r.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
