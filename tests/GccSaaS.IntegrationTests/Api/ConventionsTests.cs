using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>No /v1 endpoint escapes the conventions: each is mapped through MapPartnerCenterApi().</summary>
[Collection(ApiCollection.Name)]
public sealed class ConventionsTests(ApiFixture fixture)
{
    [Fact]
    public void Every_v1_endpoint_is_mapped_with_the_partner_center_conventions()
    {
        var endpoints = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        var without = endpoints
            .Where(e => e.Metadata.GetMetadata<PartnerCenterApiMetadata>() is null)
            .Select(e => e.DisplayName)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(without.Count == 0,
            "Map these under endpoints.MapPartnerCenterApi() so their writes are idempotent and documented:"
            + Environment.NewLine + string.Join(Environment.NewLine, without));
    }

    [Fact]
    public void Writes_are_wrapped_in_idempotency_and_reads_are_not()
    {
        var endpoints = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PartnerCenterApiMetadata>() is not null)
            .ToList();

        Assert.All(endpoints, e =>
        {
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var writes = methods.Any(m => HttpMethods.IsPost(m) || HttpMethods.IsPut(m) || HttpMethods.IsPatch(m) || HttpMethods.IsDelete(m));
            Assert.Equal(writes, e.Metadata.GetMetadata<IdempotentWriteMetadata>() is not null);
        });
    }
}
