using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Ordering;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17, safety: registration refuses endpoints that are not https or that resolve into loopback, private,
/// link-local, CGNAT, metadata or IPv6 unique-local/link-local ranges; the sender checks again when it connects (a
/// name that resolves to loopback now reaches nothing), and loopback is allowed only by a setting that is off by default.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class WebhookSafetyTests(WebhooksFixture fixture)
{
    [Theory]
    [InlineData("https://10.0.0.8/hook", "webhook_address_forbidden")]
    [InlineData("https://172.16.4.1/hook", "webhook_address_forbidden")]
    [InlineData("https://192.168.1.10/hook", "webhook_address_forbidden")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "webhook_address_forbidden")]
    [InlineData("https://100.64.0.1/hook", "webhook_address_forbidden")]
    [InlineData("https://0.0.0.0/hook", "webhook_address_forbidden")]
    [InlineData("https://[fd00:ec2::254]/hook", "webhook_address_forbidden")]
    [InlineData("https://[fe80::1]/hook", "webhook_address_forbidden")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "webhook_address_forbidden")]
    [InlineData("http://93.184.215.14/hook", "webhook_url_not_https")]
    [InlineData("ftp://93.184.215.14/hook", "webhook_url_invalid")]
    [InlineData("https://user:pass@93.184.215.14/hook", "webhook_url_invalid")]
    [InlineData("/relative", "webhook_url_invalid")]
    public async Task Webhooks_registration_refuses_addresses_into_internal_networks_and_anything_but_https(string url, string code)
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");

        using var response = await OrderingApi.SendAsync(api, HttpMethod.Post, "/v1/webhooks", new { url, eventTypes = new[] { WebhookEventTypes.OrderPlaced } });

        var problem = await WebhooksFixture.JsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // Partner Center answers a refused request with 400, never 422 (issue 13)
        Assert.Equal(code, OrderingApi.Code(problem));
    }

    [Fact]
    public async Task Webhooks_unknown_event_types_and_other_roles_are_refused()
    {
        using var admin = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        using var sales = await fixture.ApiAsync(WebhooksFixture.Contoso, "SalesAgent");
        var url = fixture.Receiver.NewUrl("refused");

        using var unknown = await OrderingApi.SendAsync(admin, HttpMethod.Post, "/v1/webhooks", new { url, eventTypes = new[] { "order.shipped" } });
        using var none = await OrderingApi.SendAsync(admin, HttpMethod.Post, "/v1/webhooks", new { url, eventTypes = Array.Empty<string>() });
        using var forbidden = await OrderingApi.SendAsync(sales, HttpMethod.Post, "/v1/webhooks", new { url, eventTypes = new[] { WebhookEventTypes.OrderPlaced } });
        using var list = await sales.GetAsync(new Uri("/v1/webhooks", UriKind.Relative));

        Assert.Equal("webhook_event_types_invalid", OrderingApi.Code(await WebhooksFixture.JsonAsync(unknown)));
        Assert.Equal("webhook_event_types_invalid", OrderingApi.Code(await WebhooksFixture.JsonAsync(none)));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task Webhooks_loopback_is_refused_by_default_at_registration_and_again_when_the_sender_connects()
    {
        var defaults = new WebhookOptions();
        var monitor = new FixedOptions(defaults);
        var guard = new WebhookAddressGuard(monitor);
        using var sender = new WebhookSender(monitor);
        var url = fixture.Receiver.NewUrl("rebinding");
        var byName = url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var literal = await Assert.ThrowsAsync<GccSaaS.BuildingBlocks.Mediation.DomainRuleException>(() => guard.CheckAsync("https://127.0.0.1/hook", CancellationToken.None));
        var name = await Assert.ThrowsAsync<GccSaaS.BuildingBlocks.Mediation.DomainRuleException>(() => guard.CheckAsync("https://localhost/hook", CancellationToken.None));
        // At delivery time, the name resolves again and the connection is refused before any byte is sent.
        var attempt = await sender.SendAsync(new Uri(byName), "msg_1", 1, "v1,x", "{}", CancellationToken.None);
        var direct = await sender.SendAsync(new Uri(url), "msg_2", 1, "v1,x", "{}", CancellationToken.None);

        Assert.False(defaults.AllowLoopback);
        Assert.Equal("webhook_address_forbidden", literal.Code);
        Assert.Equal("webhook_address_forbidden", name.Code);
        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("Refused", attempt.Response, StringComparison.Ordinal);
        Assert.False(direct.Succeeded);
        Assert.Empty(fixture.Receiver.At(url));
        Assert.Empty(fixture.Receiver.At(byName));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c", true)]
    public void Webhooks_only_public_addresses_are_allowed(string address, bool allowed) =>
        Assert.Equal(allowed, WebhookAddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    private sealed class FixedOptions(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}

/// <summary>A host configured as production is (no Webhooks settings) does not allow loopback.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookDefaultSettingsTests(PlatformFixture fixture)
{
    [Fact]
    public void Webhooks_allow_loopback_is_off_in_a_host_without_settings_and_attempts_time_out_after_10_seconds()
    {
        var options = fixture.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;

        Assert.False(options.AllowLoopback);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
    }
}
