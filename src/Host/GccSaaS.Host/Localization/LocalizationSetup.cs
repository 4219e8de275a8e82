using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace GccSaaS.Host.Localization;

/// <summary>
/// The portal speaks the languages of the source documents: English, German, French and Spanish.
/// The user's pick (a cookie set by the culture picker) wins over the browser's Accept-Language.
/// </summary>
internal static class LocalizationSetup
{
    public static readonly string[] Cultures = ["en", "de", "fr", "es"];

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // German, French and Spanish letters are written as themselves, not as character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var supported = Cultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Native names for the picker, so a user finds their language whatever the current one is.</summary>
    public static string NativeName(string culture) => new CultureInfo(culture).NativeName switch
    {
        var name when name.Length > 0 => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..],
        _ => culture,
    };
}
