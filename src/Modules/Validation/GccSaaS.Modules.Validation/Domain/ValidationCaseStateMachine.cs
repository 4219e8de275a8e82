namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// The case state machine, free of EF and HTTP. Every act either returns the next state or is refused
/// with <see cref="ValidationErrorCodes.InvalidTransition"/> (or the code of a missing text).
/// </summary>
internal static class ValidationCaseStateMachine
{
    public static ValidationCaseState Next(ValidationCaseState current, ValidationCaseAction action, string? text = null)
    {
        switch (action)
        {
            case ValidationCaseAction.Deny when string.IsNullOrWhiteSpace(text) && current == ValidationCaseState.InReview:
                throw ValidationRefusal.Of(ValidationErrorCodes.DenialReasonRequired);
            case ValidationCaseAction.RequestInformation when string.IsNullOrWhiteSpace(text) && current == ValidationCaseState.InReview:
                throw ValidationRefusal.Of(ValidationErrorCodes.InformationRequestMessageRequired);
            case ValidationCaseAction.AnswerInformationRequest when string.IsNullOrWhiteSpace(text) && current == ValidationCaseState.InformationRequested:
                throw ValidationRefusal.Of(ValidationErrorCodes.AnswerRequired);
        }

        ValidationCaseState? next = (current, action) switch
        {
            (ValidationCaseState.Submitted, ValidationCaseAction.StartReview) => ValidationCaseState.InReview,
            (ValidationCaseState.InReview, ValidationCaseAction.RequestInformation) => ValidationCaseState.InformationRequested,
            (ValidationCaseState.InformationRequested, ValidationCaseAction.AnswerInformationRequest) => ValidationCaseState.InReview,
            (ValidationCaseState.InReview, ValidationCaseAction.Approve) => ValidationCaseState.Approved,
            (ValidationCaseState.InReview, ValidationCaseAction.Deny) => ValidationCaseState.Denied,
            _ => null,
        };

        return next ?? throw ValidationRefusal.Of(ValidationErrorCodes.InvalidTransition, DomainErrorKind.Conflict);
    }

    public static bool CanApply(ValidationCaseState current, ValidationCaseAction action)
    {
        try
        {
            Next(current, action, "-");
            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }
}
