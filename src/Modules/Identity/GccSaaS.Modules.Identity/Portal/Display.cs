using System.Globalization;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>How the identity pages write times: unambiguous, in UTC, the same in every language.</summary>
internal static class Display
{
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : string.Empty;
}
