namespace GccSaaS.Modules.Customers.Domain;

/// <summary>The vetting states of a customer qualification (R-PC-1).</summary>
internal static class VettingStatus
{
    public const string InReview = "InReview";
    public const string Approved = "Approved";
    public const string Denied = "Denied";
}

/// <summary>R-PC-1, R-PC-3, R-VAL-8: how a customer qualification may change and what it means for purchases.</summary>
internal static class QualificationRules
{
    /// <summary>
    /// R-PC-1: a partner may request a qualification the customer does not hold, or ask again after a denial;
    /// an approved one is never withdrawn or replaced, and one in review is not requested twice.
    /// </summary>
    public static bool CanRequest(string? currentStatus) => currentStatus is null or VettingStatus.Denied;

    /// <summary>A decision (Validation's review) applies to a qualification that is not approved yet.</summary>
    public static bool CanDecide(string? currentStatus) => currentStatus is not VettingStatus.Approved;

    /// <summary>R-PC-3, R-VAL-8: a customer holding the approved GCC qualification is sold GCC offers only.</summary>
    public static bool IsGccOnly(IEnumerable<(string Qualification, string Status)> qualifications) =>
        qualifications.Any(q => q.Qualification == Contracts.CustomerQualifications.GovernmentCommunityCloud && q.Status == VettingStatus.Approved);
}
