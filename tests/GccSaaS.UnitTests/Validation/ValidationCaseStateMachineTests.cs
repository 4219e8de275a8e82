using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.UnitTests.Validation;

public sealed class ValidationCaseStateMachineTests
{
    [Theory]
    [InlineData(ValidationCaseState.Submitted, ValidationCaseAction.StartReview, ValidationCaseState.InReview)]
    [InlineData(ValidationCaseState.InReview, ValidationCaseAction.RequestInformation, ValidationCaseState.InformationRequested)]
    [InlineData(ValidationCaseState.InformationRequested, ValidationCaseAction.AnswerInformationRequest, ValidationCaseState.InReview)]
    [InlineData(ValidationCaseState.InReview, ValidationCaseAction.Approve, ValidationCaseState.Approved)]
    [InlineData(ValidationCaseState.InReview, ValidationCaseAction.Deny, ValidationCaseState.Denied)]
    internal void R_VAL_3_the_allowed_transitions_follow_submitted_in_review_information_requested_approved_denied(
        ValidationCaseState from, ValidationCaseAction action, ValidationCaseState expected)
    {
        Assert.Equal(expected, ValidationCaseStateMachine.Next(from, action, "text"));
    }

    [Fact]
    internal void R_VAL_7_information_can_be_requested_and_answered_repeatedly()
    {
        var state = ValidationCaseState.Submitted;
        state = ValidationCaseStateMachine.Next(state, ValidationCaseAction.StartReview);
        for (var i = 0; i < 3; i++)
        {
            state = ValidationCaseStateMachine.Next(state, ValidationCaseAction.RequestInformation, "Which contract vehicle?");
            Assert.Equal(ValidationCaseState.InformationRequested, state);
            state = ValidationCaseStateMachine.Next(state, ValidationCaseAction.AnswerInformationRequest, "GSA schedule 70");
            Assert.Equal(ValidationCaseState.InReview, state);
        }

        Assert.Equal(ValidationCaseState.Approved, ValidationCaseStateMachine.Next(state, ValidationCaseAction.Approve));
    }

    public static TheoryData<int, int> InvalidTransitions()
    {
        var data = new TheoryData<int, int>();
        var allowed = new HashSet<(ValidationCaseState, ValidationCaseAction)>
        {
            (ValidationCaseState.Submitted, ValidationCaseAction.StartReview),
            (ValidationCaseState.InReview, ValidationCaseAction.RequestInformation),
            (ValidationCaseState.InformationRequested, ValidationCaseAction.AnswerInformationRequest),
            (ValidationCaseState.InReview, ValidationCaseAction.Approve),
            (ValidationCaseState.InReview, ValidationCaseAction.Deny),
        };
        foreach (var state in Enum.GetValues<ValidationCaseState>())
        {
            foreach (var action in Enum.GetValues<ValidationCaseAction>())
            {
                if (!allowed.Contains((state, action)))
                {
                    data.Add((int)state, (int)action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public void Every_other_transition_is_refused_with_validation_case_invalid_transition(int fromState, int byAction)
    {
        var from = (ValidationCaseState)fromState;
        var action = (ValidationCaseAction)byAction;
        var refusal = Assert.Throws<DomainRuleException>(() => ValidationCaseStateMachine.Next(from, action, "text"));
        Assert.Equal(ValidationErrorCodes.InvalidTransition, refusal.Code);
        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.False(ValidationCaseStateMachine.CanApply(from, action));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    internal void A_denial_needs_a_reason(string? reason)
    {
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationCaseStateMachine.Next(ValidationCaseState.InReview, ValidationCaseAction.Deny, reason));
        Assert.Equal(ValidationErrorCodes.DenialReasonRequired, refusal.Code);
        Assert.Equal(DomainErrorKind.RuleViolated, refusal.Kind);
    }

    [Fact]
    internal void R_VAL_7_an_information_request_needs_a_message_and_an_answer_needs_a_text()
    {
        Assert.Equal(
            ValidationErrorCodes.InformationRequestMessageRequired,
            Assert.Throws<DomainRuleException>(() => ValidationCaseStateMachine.Next(ValidationCaseState.InReview, ValidationCaseAction.RequestInformation, " ")).Code);
        Assert.Equal(
            ValidationErrorCodes.AnswerRequired,
            Assert.Throws<DomainRuleException>(() => ValidationCaseStateMachine.Next(ValidationCaseState.InformationRequested, ValidationCaseAction.AnswerInformationRequest, null)).Code);
    }

    [Fact]
    internal void A_closed_case_refuses_a_denial_without_reason_as_an_invalid_transition()
    {
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationCaseStateMachine.Next(ValidationCaseState.Approved, ValidationCaseAction.Deny, null));
        Assert.Equal(ValidationErrorCodes.InvalidTransition, refusal.Code);
    }
}
