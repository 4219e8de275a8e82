using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The base of every per-tenant sweep: walks the active tenants a page at a time (keyset), and for each
/// one sets the tenant (<see cref="ITenantContextAccessor.BeginScope"/>) and opens a fresh DI scope, so
/// every DbContext and handler the sweep resolves belongs to that tenant alone. One tenant's failure is
/// logged, recorded for that tenant (<see cref="SweepFailures"/>, which only that tenant can read) and the walk
/// goes on; if any tenant failed, the run ends with a <see cref="SweepFailedException"/>, so Hangfire shows the
/// run as failed (to platform admins only) and retries it.
/// </summary>
/// <remarks>
/// Subclasses are registered with <see cref="JobsRegistration.AddSweepJob{TJob}(IServiceCollection, string, TimeSpan)"/>
/// and keep <see cref="SweepTenantAsync"/> set-based and idempotent: a run may follow a crashed one, be retried, or
/// (rarely) overlap another.
/// </remarks>
public abstract partial class TenantSweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger logger) : ISweepJob
{
    /// <summary>How many tenants one page of the walk reads.</summary>
    public const int PageSize = 100;

    /// <summary>How many failed tenants the run's exception names (it is shown to platform admins only).</summary>
    private const int FailuresNamed = 5;

    /// <summary>
    /// How many tenants of a page are swept at once (1: one after the other). A sweep whose work waits on the outside
    /// world (webhook deliveries) sweeps several, so one tenant's slow work does not hold up the others; each tenant still
    /// has its own tenant context and DI scope.
    /// </summary>
    protected virtual int MaxConcurrentTenants => 1;

    public async Task RunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var visited = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<(TenantInfo Tenant, Exception Error)>();
        Guid? after = null;
        await using (var walk = scopes.CreateAsyncScope())
        {
            var store = walk.ServiceProvider.GetRequiredService<ITenantStore>();
            var record = walk.ServiceProvider.GetRequiredService<SweepFailures>();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxConcurrentTenants), CancellationToken = cancellationToken };
            while (true)
            {
                var page = await store.ListActiveAsync(after, PageSize, cancellationToken);
                await Parallel.ForEachAsync(page, parallel, async (tenant, token) =>
                {
                    token.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref visited);
                    Exception? error = null;
                    try
                    {
                        using (tenants.BeginScope(tenant))
                        {
                            await using var scope = scopes.CreateAsyncScope();
                            await SweepTenantAsync(scope.ServiceProvider, tenant, token);
                        }
                    }
#pragma warning disable CA1031 // One tenant's failure must not stop the others; the run reports it at the end.
                    catch (Exception ex) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        error = ex;
                        failures.Enqueue((tenant, ex));
                        LogTenantFailed(logger, ex, run.Name, tenant.Identifier, tenant.Id);
                    }

                    await record.RecordAsync(tenant, run, error, token);
                });

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        if (!failures.IsEmpty)
        {
            var named = string.Join("; ", failures.Take(FailuresNamed).Select(f => $"{f.Tenant.Identifier}: {f.Error.GetType().Name}: {f.Error.Message}"));
            var more = failures.Count > FailuresNamed ? $"; and {failures.Count - FailuresNamed} more" : string.Empty;
            throw new SweepFailedException(
                $"Sweep {run.Name} failed for {failures.Count} of {visited} tenant(s): {named}{more}",
                failures.First().Error);
        }

        LogSwept(logger, run.Name, visited);
    }

    /// <summary>
    /// Does the sweep's work for one tenant. <paramref name="scopedServices"/> is a scope opened for this
    /// tenant alone, and the tenant is already set on <see cref="ITenantContextAccessor"/>.
    /// </summary>
    protected abstract Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Job} failed for tenant {Tenant} ({TenantId}); continuing with the others")]
    private static partial void LogTenantFailed(ILogger logger, Exception exception, string job, string tenant, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {Job} visited {Count} tenant(s)")]
    private static partial void LogSwept(ILogger logger, string job, int count);
}

/// <summary>A run of a sweep that failed for some tenants (the others were swept). Shown to platform admins only.</summary>
public sealed class SweepFailedException : Exception
{
    public SweepFailedException()
    {
    }

    public SweepFailedException(string message)
        : base(message)
    {
    }

    public SweepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
