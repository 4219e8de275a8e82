namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>An accessor with no tenant, for design-time tooling and migrations.</summary>
public static class DesignTimeTenants
{
    public static ITenantContextAccessor None { get; } = new AsyncLocalTenantContextAccessor();
}
