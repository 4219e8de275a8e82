using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Infrastructure;

public static class TenantTestExtensions
{
    /// <summary>Creates a tenant through the platform's own store, with a unique identifier.</summary>
    public static async Task<TenantInfo> CreateTenantAsync(this IServiceProvider services, string prefix = "t")
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        return await store.CreateAsync($"{prefix}-{Guid.NewGuid():N}"[..20], $"Tenant {prefix}");
    }
}
