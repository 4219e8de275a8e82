using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.Modules.Notifications.Features.AuditLog;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Audit;

/// <summary>
/// The audit log speaks the user's language: each line says what happened in words of the module that did it, never
/// a command's class name or a module's internal name, in English, German, French and Spanish.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class AuditWordsTests(RelationshipsFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Every_audited_command_of_every_module_has_its_words(string culture)
    {
        var catalog = fixture.Services.GetRequiredService<ModuleCatalog>();
        var sources = fixture.Services.GetServices<RefusalTextSource>().ToList();
        var missing = new List<string>();
        foreach (var module in catalog.Modules)
        {
            var source = sources.LastOrDefault(s => s.Module == module.Implementation);
            if (source is null)
            {
                missing.Add($"{module.Name}: no texts registered");
                continue;
            }

            var texts = new ResourceManager(source.Resource).GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)?
                .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
            missing.AddRange(AuditActionNames.AuditedCommands(module).Select(c => "Audit_" + c.Name).Append("Audit_Module")
                .Where(key => !texts.Contains(key)).Select(key => $"{module.Name}: {key}"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_log_shows_what_happened_in_the_users_words_and_filters_by_it()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        await sales.RequestAsync(PartnershipJourneys.NewEmail()); // audited: RequestPartnershipCommand in Relationships
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var page = await admin.GetAsync($"/{RelationshipsFixture.Contoso}/audit?action=RequestPartnershipCommand");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<td data-action=\"RequestPartnershipCommand\">Partnerschaft angefordert</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>Wiederverkäufer</td>", System.Net.WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.Contains("<option value=\"RequestPartnershipCommand\" selected=\"selected\">Partnerschaft angefordert</option>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"AddCustomerCommand\">Kunde hinzugefügt</option>", System.Net.WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain(">RequestPartnershipCommand<", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"AcceptPartnershipCommand\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit-Protokoll", page.Html, StringComparison.Ordinal); // the menu's word is Prüfprotokoll
    }
}
