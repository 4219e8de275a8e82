using System.Net.Http.Headers;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Shell;

[Collection(PlatformCollection.Name)]
public sealed class LocalizationTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("de-DE,de;q=0.9", "Startseite", "lang=\"de\"")]
    [InlineData("fr-FR", "Accueil", "lang=\"fr\"")]
    [InlineData("es", "Inicio", "lang=\"es\"")]
    [InlineData("ja-JP", "Home", "lang=\"en\"")]
    public async Task The_portal_answers_in_the_language_the_browser_asks_for_or_English(string acceptLanguage, string expectedTitle, string expectedLang)
    {
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.Add(StringWithQualityHeaderValue.Parse(acceptLanguage.Split(',')[0]));

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<title>{expectedTitle}", html, StringComparison.Ordinal);
        Assert.Contains(expectedLang, html, StringComparison.Ordinal);
    }
}
