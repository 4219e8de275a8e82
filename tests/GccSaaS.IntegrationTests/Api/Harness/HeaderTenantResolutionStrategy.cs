using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.IntegrationTests.Api.Harness;

/// <summary>
/// Test-only: names the tenant of a /v1 call in <c>X-Test-Tenant</c>, standing in for the API key strategy
/// that identity brings. Registered only by the API test harness.
/// </summary>
public sealed class HeaderTenantResolutionStrategy : ITenantResolutionStrategy
{
    public const string Header = "X-Test-Tenant";

    public async Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store)
    {
        var identifier = context.Request.Headers[Header].ToString();
        return identifier.Length == 0 ? null : await store.FindByIdentifierAsync(identifier, context.RequestAborted);
    }
}
