namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>What a tenant identifier (the first segment of a portal URL) may be.</summary>
public static class TenantIdentifier
{
    /// <summary>First path segments that belong to the platform, never to a tenant.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "v1", "api", "health", "openapi", "account", "platform", "invitations", "css", "js", "lib", "img",
        "_content", "_framework", "favicon.ico", "robots.txt", "error", "culture", "select-tenant",
        "customer", // the customer administrator's workspace (ADR 0020)
    };

    public static bool IsValid(string identifier) =>
        identifier.Length is >= 2 and <= 63
        && !Reserved.Contains(identifier)
        && (char.IsAsciiLetterLower(identifier[0]) || char.IsAsciiDigit(identifier[0]))
        && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
