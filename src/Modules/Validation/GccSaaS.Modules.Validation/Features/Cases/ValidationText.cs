using System.Globalization;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.BuildingBlocks.Time;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>What the validation pages share: due dates in US Eastern time (refusals are <see cref="PortalPageModel"/>'s).</summary>
internal static class ValidationText
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);

    /// <summary>A due date as reviewers and partners read it: US Eastern wall-clock time.</summary>
    public static string Due(DateTimeOffset? due) =>
        due is { } d ? TimeZoneInfo.ConvertTime(d, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET" : "—";

    public static string At(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET";
}
