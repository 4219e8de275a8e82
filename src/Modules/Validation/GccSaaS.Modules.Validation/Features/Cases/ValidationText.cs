using System.Globalization;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Resources;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>What the validation pages share: due dates in US Eastern time (refusals are <see cref="PortalPageModel"/>'s).</summary>
internal static class ValidationText
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);

    /// <summary>A due date as reviewers and partners read it: US Eastern wall-clock time.</summary>
    public static string Due(DateTimeOffset? due) =>
        due is { } d ? TimeZoneInfo.ConvertTime(d, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET" : "—";

    public static string At(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET";

    /// <summary>What a case is about, as its notifications name it, in the current language.</summary>
    public static string CaseSubject(IStringLocalizer<ValidationResource> l, ValidationCaseKind kind, string partnerName, string? customerLegalName, string? customerDomain)
    {
        ArgumentNullException.ThrowIfNull(l);
        return kind == ValidationCaseKind.Partner
            ? l["Notify_PartnerCase", partnerName].Value
            : l["Notify_CustomerCase", customerLegalName ?? string.Empty, customerDomain ?? string.Empty].Value;
    }
}
