namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>
/// The tenant of the current logical flow (request, job iteration, outbox dispatch).
/// Backed by <see cref="AsyncLocal{T}"/>, so it follows awaits and never leaks between flows.
/// </summary>
public interface ITenantContextAccessor
{
    TenantInfo? Current { get; }

    /// <summary>Sets the tenant until the returned scope is disposed; restores the previous one then.</summary>
    IDisposable BeginScope(TenantInfo tenant);
}

public static class TenantContextAccessorExtensions
{
    /// <summary>The current tenant, or an exception: no tenant means no tenant data, never "all tenants".</summary>
    public static TenantInfo RequireTenant(this ITenantContextAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        return accessor.Current ?? throw new TenantNotResolvedException();
    }
}

public sealed class TenantNotResolvedException()
    : InvalidOperationException("No tenant is set for this operation; tenant data cannot be read or written without one.");
