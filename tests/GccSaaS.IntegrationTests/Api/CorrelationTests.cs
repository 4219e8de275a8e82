using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>MS-CorrelationId is accepted or created, returned, and in every log line of the call (R-PC-10).</summary>
[Collection(ApiCollection.Name)]
public sealed class CorrelationTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_correlation_id_sent_by_the_client_is_returned()
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        var correlationId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/test-harness/status/204");
        request.Headers.Add(ApiHeaders.CorrelationId, correlationId);

        using var response = await client.SendAsync(request);

        Assert.Equal(correlationId, response.Header(ApiHeaders.CorrelationId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    public async Task Without_a_usable_correlation_id_one_is_created_and_returned(string? sent)
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/test-harness/status/204");
        if (sent is not null)
        {
            request.Headers.Add(ApiHeaders.CorrelationId, sent);
        }

        using var response = await client.SendAsync(request);

        Assert.True(Guid.TryParse(response.Header(ApiHeaders.CorrelationId), out _));
    }

    [Fact]
    public async Task Every_api_response_carries_the_request_id_sent_or_one_made_up()
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        var requestId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/test-harness/status/204");
        request.Headers.Add(ApiHeaders.RequestId, requestId);

        using var sent = await client.SendAsync(request);
        using var notSent = await client.GetAsync("/v1/nothing-here");

        Assert.Equal(requestId, sent.Header(ApiHeaders.RequestId));
        Assert.True(Guid.TryParse(notSent.Header(ApiHeaders.RequestId), out _));
    }

    [Fact]
    public async Task The_correlation_id_is_in_the_log_lines_of_the_call_and_the_console_prints_it()
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        var correlationId = Guid.NewGuid().ToString();
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/test-harness/log?marker={marker}");
        request.Headers.Add(ApiHeaders.CorrelationId, correlationId);

        using var response = await client.SendAsync(request);

        var line = Assert.Single(fixture.Logs.Entries, e => e.Message.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(correlationId, line.ScopeValue("CorrelationId"));
        Assert.Contains($"{ApiHeaders.CorrelationId}:{correlationId}", PrintedByTheConsole(line), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_logged_for_an_unexpected_failure_carries_the_correlation_id_of_the_call()
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        var correlationId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/test-harness/crash");
        request.Headers.Add(ApiHeaders.CorrelationId, correlationId);

        using var response = await client.SendAsync(request);

        Assert.Equal(correlationId, response.Header(ApiHeaders.CorrelationId));
        Assert.Contains(fixture.Logs.Entries, e =>
            e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.ScopeValue("CorrelationId") == correlationId);
    }

    /// <summary>Formats a captured line with the host's own console formatter (as configured in appsettings.json).</summary>
    private string PrintedByTheConsole(CapturedLog line)
    {
        var formatter = fixture.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        var scopes = new LoggerExternalScopeProvider();
        var disposables = line.Scopes.Select(s => scopes.Push(s)).ToList();
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(line.Level, line.Category, default, line.Message, null, (s, _) => s), scopes, writer);
        disposables.ForEach(d => d?.Dispose());
        return writer.ToString();
    }
}
