using System.Globalization;
using System.Security.Claims;
using GccSaaS.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The portal's one time format: the culture's short date and time, in the reader's time zone, with the zone named
/// ("05.12.2026 21:10 Europe/Berlin"). The zone is the user's choice (a profile setting, carried as the
/// <see cref="GccSaaSClaimTypes.TimeZone"/> claim), else the browser's (site.js keeps the <see cref="CookieName"/>
/// cookie at <c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>), else UTC. Texts meant for someone else (an
/// invitation draft) use <see cref="Format(DateTimeOffset, TimeZoneInfo)"/> with UTC.
/// </summary>
public static class PortalTime
{
    /// <summary>The browser's time zone, written by site.js; read only when the user chose none.</summary>
    public const string CookieName = "gccsaas.tz";

    private const int LongestZoneId = 64;
    private static readonly object ZoneKey = new();

    /// <summary>The reader's zone for this request (claim, then the browser's cookie, then UTC).</summary>
    public static TimeZoneInfo ZoneOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ZoneKey, out var cached) && cached is TimeZoneInfo known)
        {
            return known;
        }

        var zone = Find(context.User.FindFirstValue(GccSaaSClaimTypes.TimeZone))
            ?? Find(context.Request.Cookies[CookieName])
            ?? TimeZoneInfo.Utc;
        context.Items[ZoneKey] = zone;
        return zone;
    }

    /// <summary>A moment as this request's reader reads it.</summary>
    public static string Format(HttpContext context, DateTimeOffset at) => Format(at, ZoneOf(context));

    /// <summary>A moment in <paramref name="zone"/>, with the zone named.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("g", CultureInfo.CurrentCulture) + " " + Name(zone);
    }

    /// <summary>A zone's name as the portal shows it: its IANA id, UTC for UTC.</summary>
    public static string Name(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Etc/Zulu" ? "UTC" : zone.Id;
    }

    /// <summary>A known IANA zone, or null for anything else (the cookie and the form are untrusted input).</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > LongestZoneId)
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return null;
        }

        // Only IANA ids (the browser's and the picker's); Windows names that ICU also maps would show oddly.
        return zone.HasIanaId ? zone : null;
    }

    /// <summary>Every zone a user can pick, by IANA id.</summary>
    public static IReadOnlyList<string> Zones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId && z.Id.Contains('/', StringComparison.Ordinal) && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
        .Select(z => z.Id)
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
