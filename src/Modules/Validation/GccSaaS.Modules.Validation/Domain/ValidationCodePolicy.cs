namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// R-PC-2: on approval of a partner case the partner receives one GCC validation code allowing
/// <see cref="MaxCreatesPerCode"/> customer creations (docs/adr/0010-validation-cases.md).
/// </summary>
internal static class ValidationCodePolicy
{
    public const int MaxCreatesPerCode = 5;

    /// <summary>A Partner Center–like, URL-safe code id derived from the approved case.</summary>
    public static string CodeFor(Guid caseId) => "GCC-" + caseId.ToString("N")[..12].ToUpperInvariant();
}

/// <summary>R-VAL-10: where questions about validation go, unless <c>Validation:SupportContact</c> says otherwise.</summary>
internal static class ValidationSupport
{
    public const string DefaultContact = "usgcce@microsoft.com";

    public const string ConfigurationKey = "Validation:SupportContact";

    public static string ContactFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
        => configuration?[ConfigurationKey] is { Length: > 0 } configured ? configured : DefaultContact;
}
