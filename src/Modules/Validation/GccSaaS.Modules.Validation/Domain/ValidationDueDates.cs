using GccSaaS.BuildingBlocks.Time;

namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// R-VAL-3, R-VAL-7: an answer is due two US business days after the case was submitted. While the reviewer
/// waits for the partner (<see cref="ValidationCaseState.InformationRequested"/>) the clock stops — the case has
/// no due date and cannot be overdue; when the partner answers, the clock restarts with two fresh business days
/// from the answer. Starting the review does not change the due date. Closed cases have no due date.
/// (docs/adr/0010-validation-cases.md)
/// </summary>
internal static class ValidationDueDates
{
    public const int BusinessDaysToAnswer = 2;

    /// <summary>The due date after <paramref name="action"/> moved the case to <paramref name="next"/> at <paramref name="at"/>.</summary>
    public static DateTimeOffset? After(
        IBusinessCalendar calendar,
        ValidationCaseAction action,
        ValidationCaseState next,
        DateTimeOffset at,
        DateTimeOffset? currentDue)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!next.IsOpen() || next == ValidationCaseState.InformationRequested)
        {
            return null;
        }

        return action switch
        {
            ValidationCaseAction.Submit or ValidationCaseAction.AnswerInformationRequest
                => calendar.AddBusinessDays(at, BusinessDaysToAnswer).ToUniversalTime(), // stored as UTC (timestamptz)
            _ => currentDue,
        };
    }

    public static bool IsOverdue(DateTimeOffset? due, DateTimeOffset now) => due is { } d && now > d;
}
