using System.Net.Http.Headers;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>The notification centre and the audit log speak English, German, French and Spanish.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ShellAreaLocalizationTests(PlatformFixture fixture) : IAsyncLifetime
{
    private GccSaaSFactory? _host;

    private GccSaaSFactory Host => _host ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _host = ShellTestHarness.StartHost(fixture.Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("de", "Benachrichtigungen", "Prüfprotokoll", "Als CSV exportieren")]
    [InlineData("fr", "Notifications", "Journal d’audit", "Exporter en CSV")]
    [InlineData("es", "Notificaciones", "Registro de auditoría", "Exportar como CSV")]
    [InlineData("en", "Notifications", "Audit log", "Export as CSV")]
    public async Task The_pages_answer_in_the_language_the_browser_asks_for(string language, string notificationsTitle, string auditTitle, string export)
    {
        var tenant = await Host.Services.CreateTenantAsync("lang");
        using var client = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var notifications = await client.GetStringAsync($"/{tenant.Identifier}/notifications");
        var audit = await client.GetStringAsync($"/{tenant.Identifier}/audit");

        Assert.Contains($"<h1 id=\"notifications-title\">{notificationsTitle}</h1>", notifications, StringComparison.Ordinal);
        Assert.Contains($"<h1 id=\"audit-title\">{auditTitle}</h1>", System.Net.WebUtility.HtmlDecode(audit), StringComparison.Ordinal);
        Assert.Contains(export, audit, StringComparison.Ordinal);
    }
}
