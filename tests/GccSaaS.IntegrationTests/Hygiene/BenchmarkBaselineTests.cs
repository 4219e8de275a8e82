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

        // No route of the host: 404, or, for a path shaped like a tenant's portal page, the sign-in redirect. Never rows.
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        Assert.True(
            response.StatusCode == HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Found && location.Contains("/account/sign-in", StringComparison.Ordinal)),
            $"{path} answered {(int)response.StatusCode} {location}");
    }
}
