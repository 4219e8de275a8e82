using System.Globalization;

namespace GccSaaS.Modules.Customers.Domain;

/// <summary>Checks and clean-ups of free-text input shared by the customer use cases (add, agreements).</summary>
internal static class CustomerInput
{
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool IsEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == trimmed.LastIndexOf('@') && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
    }

    /// <summary>A known culture in its canonical case (<c>EN-US</c> → <c>en-US</c>); anything else as it is, for the rules to refuse.</summary>
    public static string CanonicalCulture(string value) =>
        IsCulture(value) ? CultureInfo.GetCultureInfo(value, predefinedOnly: true).Name : value;

    public static bool IsCulture(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 10)
        {
            return false;
        }

        try
        {
            return !CultureInfo.GetCultureInfo(value, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
