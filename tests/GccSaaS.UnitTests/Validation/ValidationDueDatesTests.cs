using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.UnitTests.Validation;

public sealed class ValidationDueDatesTests
{
    private readonly UsBusinessCalendar _calendar = new();

    [Fact]
    internal void R_VAL_3_a_case_submitted_the_day_before_Thanksgiving_2026_is_due_the_Monday_after()
    {
        // Wednesday 2026-11-25 10:00 Eastern; Thursday 11-26 is Thanksgiving, Friday 11-27 counts, the weekend not.
        var submitted = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(-5));
        var due = ValidationDueDates.After(_calendar, ValidationCaseAction.Submit, ValidationCaseState.Submitted, submitted, null);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    internal void R_VAL_3_a_case_submitted_on_a_Friday_is_due_the_Tuesday_after()
    {
        var submitted = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(-5));
        var due = ValidationDueDates.After(_calendar, ValidationCaseAction.Submit, ValidationCaseState.Submitted, submitted, null);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    internal void R_VAL_3_starting_the_review_keeps_the_due_date()
    {
        var due = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(due, ValidationDueDates.After(_calendar, ValidationCaseAction.StartReview, ValidationCaseState.InReview, due.AddDays(-3), due));
    }

    [Fact]
    internal void R_VAL_7_requesting_information_stops_the_clock_and_the_answer_restarts_it_with_two_business_days()
    {
        var due = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5));
        Assert.Null(ValidationDueDates.After(_calendar, ValidationCaseAction.RequestInformation, ValidationCaseState.InformationRequested, due.AddDays(-4), due));
        Assert.False(ValidationDueDates.IsOverdue(null, due.AddDays(30)));

        // Answered Wednesday 2026-11-25 17:00 Eastern -> due Monday 2026-11-30 17:00 Eastern (Thanksgiving skipped).
        var answered = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(
            new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(-5)),
            ValidationDueDates.After(_calendar, ValidationCaseAction.AnswerInformationRequest, ValidationCaseState.InReview, answered, null));
    }

    [Theory]
    [InlineData(ValidationCaseAction.Approve, ValidationCaseState.Approved)]
    [InlineData(ValidationCaseAction.Deny, ValidationCaseState.Denied)]
    internal void A_closed_case_has_no_due_date(ValidationCaseAction action, ValidationCaseState state)
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(ValidationDueDates.After(_calendar, action, state, now, now.AddDays(1)));
    }

    [Fact]
    internal void A_case_is_overdue_only_after_its_due_instant()
    {
        var due = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5));
        Assert.False(ValidationDueDates.IsOverdue(due, due));
        Assert.True(ValidationDueDates.IsOverdue(due, due.AddSeconds(1)));
    }
}
