using GccSaaS.Modules.Validation.Contracts;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// The contract notifications a case's acts announce through the Validation outbox (webhooks gcc_validation.submitted
/// and gcc_validation.information_requested): the case's ids and the customer's domain, never its contact or legal details.
/// </summary>
internal static class ValidationAnnouncements
{
    /// <summary>R-VAL-1, R-VAL-5: a case was submitted.</summary>
    public static GccValidationSubmittedNotification Submitted(ValidationCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new GccValidationSubmittedNotification(
            c.SubmittedByTenantId, c.Id, SubjectOf(c), c.CustomerTenantId, c.CustomerDomain, c.PartnerOrganisationId, now, c.DueAt);
    }

    /// <summary>R-VAL-7: the reviewer asked for more information.</summary>
    public static GccValidationInformationRequestedNotification InformationRequested(ValidationCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new GccValidationInformationRequestedNotification(
            c.SubmittedByTenantId, c.Id, SubjectOf(c), c.CustomerTenantId, c.CustomerDomain, c.PartnerOrganisationId, now);
    }

    private static GccValidationSubject SubjectOf(ValidationCase c) =>
        c.Kind == ValidationCaseKind.Customer ? GccValidationSubject.Customer : GccValidationSubject.Partner;
}
