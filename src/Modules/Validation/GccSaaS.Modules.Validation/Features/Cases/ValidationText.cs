using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>What the validation texts share (refusals are <see cref="PortalPageModel"/>'s).</summary>
internal static class ValidationText
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);

    /// <summary>
    /// A due date in a notification, whose reader's zone is not known when it is written: US Eastern, where the
    /// business days are counted, named like every other time (<see cref="PortalTime"/>). Pages show the reader's zone.
    /// </summary>
    public static string Due(DateTimeOffset? due) => due is { } d ? PortalTime.Format(d, Eastern) : "—";

    /// <summary>What a case is about, as its notifications name it, in the current language.</summary>
    public static string CaseSubject(IStringLocalizer<ValidationResource> l, ValidationCaseKind kind, string partnerName, string? customerLegalName, string? customerDomain)
    {
        ArgumentNullException.ThrowIfNull(l);
        return kind == ValidationCaseKind.Partner
            ? l["Notify_PartnerCase", partnerName].Value
            : l["Notify_CustomerCase", customerLegalName ?? string.Empty, customerDomain ?? string.Empty].Value;
    }
}
