using System.Net;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// Issue 19: the benchmark's baseline (one hand-written query per scenario, no framework layers) lives only in the
/// benchmark tool (build/Bench) and is never served by the product's host, whoever asks.
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class BenchmarkBaselineTests(HygieneFixture fixture)
{
    [Theory]
    [InlineData("/baseline/customers")]
    [InlineData("/baseline/customers.csv")]
    [InlineData("/baseline/subscriptions")]
    [InlineData("/baseline/resellers")]
    [InlineData("/baseline/validationqueue")]
    public async Task The_product_host_does_not_serve_the_benchmark_baseline(string path)
    {
        using var api = await fixture.ApiAsync(HygieneFixture.Contoso, "GlobalAdmin");

        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
