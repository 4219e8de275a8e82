using System.Globalization;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Validation.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>What the validation pages share: readable, localised refusals and due dates in US Eastern time.</summary>
internal static class ValidationText
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);

    /// <summary>The refusal in the user's language (<c>Error_{code}</c>), the rule's own message when no text exists.</summary>
    public static string Refusal(IStringLocalizer<ValidationResource> text, DomainRuleException refusal, string supportContact)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(refusal);
        var localised = text["Error_" + refusal.Code, supportContact];
        return localised.ResourceNotFound ? refusal.Message : localised.Value;
    }

    public static string InvalidInput(IStringLocalizer<ValidationResource> text, RequestValidationException invalid)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(invalid);
        return text["Error_invalid_input"].Value + " " + string.Join(" ", invalid.Failures.Select(f =>
        {
            var field = text["Field_" + f.Field];
            return (field.ResourceNotFound ? f.Field : field.Value) + ": " + (text["Failure_" + f.Code] is { ResourceNotFound: false } code ? code.Value : f.Message);
        }));
    }

    public static int StatusOf(DomainRuleException refusal) => Refusals.StatusOf(refusal?.Kind ?? DomainErrorKind.RuleViolated);

    /// <summary>A due date as reviewers and partners read it: US Eastern wall-clock time.</summary>
    public static string Due(DateTimeOffset? due) =>
        due is { } d ? TimeZoneInfo.ConvertTime(d, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET" : "—";

    public static string At(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Eastern).ToString("g", CultureInfo.CurrentCulture) + " ET";
}
