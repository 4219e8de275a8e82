using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Publishes the outbox messages that were not dispatched right after their commit (the process stopped,
/// a handler failed), visiting only the (module, tenant) pairs whose transactions signalled outbox work,
/// so its cost follows the work, not the number of tenants. Claims are leased with SKIP LOCKED, so this
/// and the after-commit path never publish one message twice at once. Every <c>Outbox:SweepInterval</c>
/// (a minute by default). Its failures name tenants and stay with the run (platform admins only).
/// </summary>
internal sealed partial class OutboxSweepJob(
    IServiceScopeFactory scopes,
    ModuleCatalog catalog,
    OutboxDispatcher dispatcher,
    ILogger<OutboxSweepJob> logger) : ISweepJob
{
    private const int SignalsPerRun = 500;

    public async Task RunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (catalog.Modules.Count == 0)
        {
            return;
        }

        var signals = await dispatcher.ReadSignalsAsync(catalog.Modules[0], SignalsPerRun, cancellationToken);
        var failures = 0;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var signalled = await store.FindByIdsAsync([.. signals.Select(s => s.TenantId)], cancellationToken); // one query per run
        foreach (var signal in signals)
        {
            var module = catalog.Modules.FirstOrDefault(m => m.Schema == signal.ModuleSchema);
            var tenant = signalled.GetValueOrDefault(signal.TenantId);
            if (module is null || tenant is not { IsActive: true })
            {
                continue;
            }

            try
            {
                await dispatcher.DispatchAsync(module, tenant, cancellationToken);
                await dispatcher.ForgetIdleSignalAsync(module, tenant, cancellationToken);
            }
#pragma warning disable CA1031 // One pair's failure must not starve the others; the job fails visibly below.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failures++;
                LogPairFailed(logger, ex, module.Name, tenant.Identifier);
            }
        }

        if (failures > 0)
        {
            throw new SweepFailedException($"Outbox sweep failed for {failures} of {signals.Count} module/tenant pairs.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox sweep of module {Module} for tenant {Tenant} failed")]
    private static partial void LogPairFailed(ILogger logger, Exception exception, string module, string tenant);
}

/// <summary>
/// The safety net: every <c>Outbox:FullSweepInterval</c> (an hour by default) visit every tenant and
/// module, whatever the signals say, so no message can be stranded by a lost signal.
/// </summary>
internal sealed class OutboxFullSweepJob(
    IServiceScopeFactory scopes,
    ITenantContextAccessor tenants,
    ModuleCatalog catalog,
    OutboxDispatcher dispatcher,
    ILogger<OutboxFullSweepJob> logger)
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
