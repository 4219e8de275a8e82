using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// Outside Development and Testing the host needs a valid public address to start, and answers only the hosts it
/// is reached by: the public address's and loopback, unless AllowedHosts lists others (ADR 0016).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicAddressHostingTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task In_production_a_foreign_host_is_refused_with_400_and_the_public_and_loopback_hosts_are_answered()
    {
        var host = Production(("Portal:PublicBaseUrl", "https://portal.gccsaas.test/"));

        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(host, "evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(host, "portal.gccsaas.test.evil.example"));
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(host, "portal.gccsaas.test"));
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(host, "PORTAL.gccsaas.test:443"));
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(host, "localhost:8080"));
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(host, "127.0.0.1"));
    }

    [Fact]
    public async Task An_explicit_allowed_hosts_list_is_kept_as_it_is()
    {
        var host = Production(("Portal:PublicBaseUrl", "https://portal.gccsaas.test/"), ("AllowedHosts", "portal.gccsaas.test;status.internal"));

        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(host, "status.internal"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(host, "localhost"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(host, "evil.example"));
    }

    [Fact]
    public void The_earlier_smtp_setting_still_serves_as_the_public_address()
    {
        var host = Production(("Smtp:PortalBaseUrl", "https://mail-links.gccsaas.test/"));

        var links = host.Services.GetService(typeof(GccSaaS.BuildingBlocks.Web.PublicLinks)) as GccSaaS.BuildingBlocks.Web.PublicLinks;

        Assert.Equal("https://mail-links.gccsaas.test/invitations/users/x", links?.Absolute("/invitations/users/x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("portal.gccsaas.test")]
    [InlineData("/relative/")]
    [InlineData("ftp://portal.gccsaas.test/")]
    [InlineData("https://user:secret@portal.gccsaas.test/")]
    [InlineData("https://portal.gccsaas.test/?x=1")]
    public void In_production_the_host_does_not_start_without_a_valid_public_address(string? value)
    {
        var host = Production(("Portal:PublicBaseUrl", value));

        var failure = Record.Exception(() => host.Server);

        Assert.NotNull(failure);
        Assert.Contains("Portal:PublicBaseUrl", Messages(failure), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Production(params (string Key, string? Value)[] settings)
    {
        var host = new GccSaaSFactory(fixture.Database, settings: settings.ToDictionary(s => s.Key, s => s.Value))
            .WithWebHostBuilder(b => b.UseEnvironment("Production"));
        _hosts.Add(host);
        return host;
    }

    private static async Task<HttpStatusCode> StatusForHostAsync(WebApplicationFactory<Program> host, string hostHeader)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/live", UriKind.Relative));
        request.Headers.Host = hostHeader;
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Messages(Exception failure)
    {
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join(" / ", messages);
    }
}
