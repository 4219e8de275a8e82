namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// The states of a GCC validation case (R-VAL-1..7):
/// <c>Submitted → InReview → (InformationRequested ⇄ InReview) → Approved | Denied</c>.
/// </summary>
internal enum ValidationCaseState
{
    Submitted = 0,
    InReview = 1,
    InformationRequested = 2,
    Approved = 3,
    Denied = 4,
}

/// <summary>What a case validates: the partner itself (R-VAL-1..4) or a customer on its behalf (R-VAL-5..7).</summary>
internal enum ValidationCaseKind
{
    Partner = 0,
    Customer = 1,
}

/// <summary>The acts that move a case, each recorded as an event of its history.</summary>
internal enum ValidationCaseAction
{
    Submit = 0,
    StartReview = 1,
    RequestInformation = 2,
    AnswerInformationRequest = 3,
    Approve = 4,
    Deny = 5,
}

internal static class ValidationCaseStates
{
    public static bool IsOpen(this ValidationCaseState state)
        => state is not (ValidationCaseState.Approved or ValidationCaseState.Denied);

    /// <summary>True while the clock runs against the reviewer (the partner is not being waited for).</summary>
    public static bool IsAwaitingReviewer(this ValidationCaseState state)
        => state is ValidationCaseState.Submitted or ValidationCaseState.InReview;
}
