namespace GccSaaS.BuildingBlocks.Tenancy;

internal sealed class AsyncLocalTenantContextAccessor : ITenantContextAccessor
{
    private static readonly AsyncLocal<TenantInfo?> CurrentTenant = new();

    public TenantInfo? Current => CurrentTenant.Value;

    public IDisposable BeginScope(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var previous = CurrentTenant.Value;
        CurrentTenant.Value = tenant;
        return new Restore(previous);
    }

    private sealed class Restore(TenantInfo? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CurrentTenant.Value = previous;
        }
    }
}
