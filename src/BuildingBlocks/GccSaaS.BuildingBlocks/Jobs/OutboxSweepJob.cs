using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Publishes, for every tenant and every module, the outbox messages that were not dispatched right after
/// their commit (the process stopped, a handler failed). Claims are leased with SKIP LOCKED, so this and
/// the after-commit path never publish one message twice at once. Every <c>Outbox:SweepInterval</c>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class OutboxSweepJob(
    IServiceScopeFactory scopes,
    ITenantContextAccessor tenants,
    ModuleCatalog catalog,
    OutboxDispatcher dispatcher,
    ILogger<OutboxSweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        foreach (var module in catalog.Modules)
        {
            await dispatcher.DispatchAsync(module, tenant, cancellationToken);
        }
    }
}
