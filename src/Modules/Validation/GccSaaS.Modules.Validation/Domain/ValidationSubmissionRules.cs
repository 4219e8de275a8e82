using System.Diagnostics.CodeAnalysis;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// The submission rules of both case kinds as pure functions over the partner directory's facts
/// (<see cref="PartnerOrganisationDto"/>). Each refusal is a <see cref="DomainRuleException"/> with a stable code, worded by <see cref="ValidationRefusal"/>.
/// </summary>
internal static class ValidationSubmissionRules
{
    /// <summary>
    /// R-PAR-2, R-VAL-1, R-VAL-2: may <paramref name="organisation"/> submit a partner GCC validation carrying
    /// <paramref name="requestedTenantId"/>?
    /// </summary>
    public static void EnsurePartnerMaySubmit(
        [NotNull] PartnerOrganisationDto? organisation,
        Guid requestedTenantId,
        bool hasOpenPartnerCase,
        string supportContact)
    {
        if (organisation is null)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.PartnerOrganisationUnknown, supportContact);
        }

        // R-VAL-1 first: it tells an indirect reseller where to go instead of listing facts that do not apply to it.
        if (organisation.Type == PartnerType.IndirectReseller)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.IndirectResellerValidatesThroughProvider, supportContact);
        }

        if (!organisation.CspEnrolled)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.PartnerNotCspEnrolled, supportContact);
        }

        EnsureCommercialTenantId(organisation, requestedTenantId, supportContact);

        if (organisation.HasQualification(PartnerQualifications.GovernmentCommunityCloud))
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.PartnerAlreadyQualified, supportContact, DomainErrorKind.Conflict);
        }

        if (hasOpenPartnerCase)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.ValidationCaseAlreadyOpen, supportContact, DomainErrorKind.Conflict);
        }
    }

    /// <summary>
    /// R-VAL-5, R-VAL-6: a customer validation is submitted in the workspace of the transacting partner
    /// (a direct reseller or an indirect provider; an indirect reseller's users act in their provider's workspace).
    /// The tenant ID on the request is the transacting partner's commercial tenant ID, filled in and locked by the
    /// product: a different one sent by a client is refused. Returns the tenant ID the case carries.
    /// </summary>
    public static Guid EnsureCustomerSubmissionTenantId(
        [NotNull] PartnerOrganisationDto? transactingPartner,
        Guid? requestedTenantId,
        string supportContact)
    {
        if (transactingPartner is null)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.PartnerOrganisationUnknown, supportContact);
        }

        if (transactingPartner.Type == PartnerType.IndirectReseller)
        {
            // The transacting partner of an indirect reseller is its provider, never the reseller itself.
            throw ValidationRefusal.Of(ValidationErrorCodes.IndirectResellerValidatesThroughProvider, supportContact);
        }

        if (requestedTenantId is { } requested)
        {
            EnsureCommercialTenantId(transactingPartner, requested, supportContact);
        }

        if (!transactingPartner.HasQualification(PartnerQualifications.GovernmentCommunityCloud))
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.PartnerNotGccQualified, supportContact);
        }

        return transactingPartner.CommercialTenantId;
    }

    private static void EnsureCommercialTenantId(PartnerOrganisationDto organisation, Guid requestedTenantId, string supportContact)
    {
        if (organisation.AzureGccTenantId is { } azure && azure == requestedTenantId)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.AzureGccTenantIdNotAllowed, supportContact, DomainErrorKind.RuleViolated, organisation.CommercialTenantId);
        }

        if (requestedTenantId != organisation.CommercialTenantId)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.TenantIdNotCommercial, supportContact, DomainErrorKind.RuleViolated, organisation.CommercialTenantId);
        }
    }
}
