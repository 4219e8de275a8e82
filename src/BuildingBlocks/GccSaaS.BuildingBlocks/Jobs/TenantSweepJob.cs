using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The base of every per-tenant sweep: walks the active tenants a page at a time (keyset), and for each
/// one sets the tenant (<see cref="ITenantContextAccessor.BeginScope"/>) and opens a fresh DI scope, so
/// every DbContext and handler the sweep resolves belongs to that tenant alone. One tenant's failure is
/// logged and the walk goes on; if any tenant failed, the run ends with a
/// <see cref="JobExecutionException"/> so the failure shows on the operator page.
/// </summary>
/// <remarks>
/// Subclasses carry <see cref="DisallowConcurrentExecutionAttribute"/>, are registered with
/// <see cref="JobsRegistration.AddSweepJob{TJob}(IServiceCollection, string, TimeSpan)"/>, and keep
/// <see cref="SweepTenantAsync"/> set-based and idempotent: a run may follow a missed one, or a crash.
/// </remarks>
public abstract partial class TenantSweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger logger) : IJob
{
    /// <summary>How many tenants one page of the walk reads.</summary>
    public const int PageSize = 100;

    /// <summary>How many failed tenants the run's exception names.</summary>
    private const int FailuresNamed = 5;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.JobDetail.Key.Name;
        var visited = 0;
        var failures = new List<(TenantInfo Tenant, Exception Error)>();
        Guid? after = null;
        while (true)
        {
            var page = await ReadPageAsync(after, cancellationToken);
            foreach (var tenant in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                visited++;
                try
                {
                    using (tenants.BeginScope(tenant))
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await SweepTenantAsync(scope.ServiceProvider, tenant, cancellationToken);
                    }
                }
#pragma warning disable CA1031 // One tenant's failure must not stop the others; the run reports it at the end.
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    failures.Add((tenant, ex));
                    LogTenantFailed(logger, ex, job, tenant.Identifier, tenant.Id);
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        if (failures.Count > 0)
        {
            var named = string.Join("; ", failures.Take(FailuresNamed).Select(f => $"{f.Tenant.Identifier}: {f.Error.GetType().Name}: {f.Error.Message}"));
            var more = failures.Count > FailuresNamed ? $"; and {failures.Count - FailuresNamed} more" : string.Empty;
            throw new JobExecutionException(
                $"Sweep {job} failed for {failures.Count} of {visited} tenant(s): {named}{more}",
                failures[0].Error);
        }

        LogSwept(logger, job, visited);
    }

    /// <summary>
    /// Does the sweep's work for one tenant. <paramref name="scopedServices"/> is a scope opened for this
    /// tenant alone, and the tenant is already set on <see cref="ITenantContextAccessor"/>.
    /// </summary>
    protected abstract Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken);

    private async Task<IReadOnlyList<TenantInfo>> ReadPageAsync(Guid? after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().ListActiveAsync(after, PageSize, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Job} failed for tenant {Tenant} ({TenantId}); continuing with the others")]
    private static partial void LogTenantFailed(ILogger logger, Exception exception, string job, string tenant, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {Job} visited {Count} tenant(s)")]
    private static partial void LogSwept(ILogger logger, string job, int count);
}
