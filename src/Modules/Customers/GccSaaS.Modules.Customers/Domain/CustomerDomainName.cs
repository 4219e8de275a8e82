using System.Text.RegularExpressions;

namespace GccSaaS.Modules.Customers.Domain;

/// <summary>
/// R-PC-5: a customer's primary domain is <c>name.onmicrosoft.com</c>, compared case-insensitively. The name
/// is 1–27 letters or digits (hyphens inside), as the vendor's initial domains are.
/// </summary>
internal static partial class CustomerDomainName
{
    public const string Suffix = ".onmicrosoft.com";

    /// <summary>The domain in its stored, lower-case form, or null when it is not a valid initial domain.</summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var lower = domain.Trim().ToLowerInvariant();
        return Pattern().IsMatch(lower) ? lower : null;
    }

    /// <summary>Completes a bare name (<c>relecloudgov</c>) with the suffix, as the portal's field does.</summary>
    public static string? FromInput(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var trimmed = input.Trim();
        return Normalize(trimmed.Contains('.', StringComparison.Ordinal) ? trimmed : trimmed + Suffix);
    }

    /// <summary>The customer administrator's user name: admin@ the primary domain.</summary>
    public static string AdminUserName(string normalizedDomain) => "admin@" + normalizedDomain;

    // No match timeout: anchored, bounded repetition (at most 27 characters before the suffix), so linear; a wall-time
    // timeout can fire on a starved thread under load and answer 500 (issue 18).
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,25}[a-z0-9])?\.onmicrosoft\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
