using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// The demo platform with a configured public address that is not the test server's own (http://localhost), and
/// a loopback SMTP server, so a test sees which address links, drafts and mails name.
/// </summary>
/// <remarks>Re-implements <see cref="IAsyncLifetime"/> so that disposing also stops the SMTP server.</remarks>
public sealed class HygieneFixture() : SeededPlatformFixture(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    public const string PublicBase = "https://portal.gccsaas.test/";
    public const string Contoso = "contoso-distribution";
    public const string Evil = "evil.example";

    public LoopbackSmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> HostSettings =>
        new Dictionary<string, string?>(Smtp.Settings()) { ["Portal:PublicBaseUrl"] = PublicBase };

    /// <summary>Every way a request can name another host: Host itself and the proxy headers a host might trust.</summary>
    public static void Forge(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Host = Evil;
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", Evil);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/phish");
        client.DefaultRequestHeaders.Add("Forwarded", $"host={Evil};proto=https");
    }

    /// <summary>No trace of the forged host, and every absolute http(s) link under the public address.</summary>
    public static void LinksOnlyToPublicBase(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        Assert.False(text.Contains(Evil, StringComparison.OrdinalIgnoreCase), $"{where} names {Evil}.");
        Assert.False(text.Contains("/phish", StringComparison.Ordinal), $"{where} names the forged prefix.");
        foreach (Match link in Regex.Matches(text, """https?://[^\s"'<>\\]+""", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Assert.True(link.Value.StartsWith(PublicBase, StringComparison.Ordinal), $"{where} links to {link.Value}, not under {PublicBase}.");
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class HygieneCollection : ICollectionFixture<HygieneFixture>
{
    public const string Name = "HTTP hygiene (seeded demo platform, public address, loopback SMTP)";
}
