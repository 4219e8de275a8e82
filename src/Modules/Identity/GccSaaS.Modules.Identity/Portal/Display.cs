namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// Times in texts written for someone else (an invitation draft), whose time zone is not known: the portal's one
/// format (<see cref="PortalTime"/>) in UTC, named. Pages use <c>&lt;time at&gt;</c> in the reader's zone.
/// </summary>
internal static class Display
{
    public static string Time(DateTimeOffset? value) => value is { } v ? PortalTime.Format(v, TimeZoneInfo.Utc) : string.Empty;
}
