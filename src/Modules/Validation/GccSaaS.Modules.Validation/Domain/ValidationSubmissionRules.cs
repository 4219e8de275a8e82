using System.Diagnostics.CodeAnalysis;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// The submission rules of both case kinds as pure functions over the partner directory's facts
/// (<see cref="PartnerOrganisationDto"/>). Each refusal is a <see cref="DomainRuleException"/> with a stable code.
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
            throw new DomainRuleException(
                ValidationErrorCodes.PartnerOrganisationUnknown,
                $"This workspace is not linked to a partner organisation of the directory yet. Contact the platform operator or {supportContact}.");
        }

        // R-VAL-1 first: it tells an indirect reseller where to go instead of listing facts that do not apply to it.
        if (organisation.Type == PartnerType.IndirectReseller)
        {
            throw new DomainRuleException(
                ValidationErrorCodes.IndirectResellerValidatesThroughProvider,
                "An indirect reseller does not validate itself for GCC: work with your indirect provider, which submits its own partner validation and your customers' validations.");
        }

        if (!organisation.CspEnrolled)
        {
            throw new DomainRuleException(
                ValidationErrorCodes.PartnerNotCspEnrolled,
                $"Only a partner enrolled in CSP can be approved for GCC; enrol in CSP first. Questions: {supportContact}.");
        }

        EnsureCommercialTenantId(organisation, requestedTenantId, supportContact);

        if (organisation.HasQualification(PartnerQualifications.GovernmentCommunityCloud))
        {
            throw new DomainRuleException(
                ValidationErrorCodes.PartnerAlreadyQualified,
                "The partner already holds the Government_community_cloud qualification.",
                DomainErrorKind.Conflict);
        }

        if (hasOpenPartnerCase)
        {
            throw new DomainRuleException(
                ValidationErrorCodes.ValidationCaseAlreadyOpen,
                "A partner validation case of this partner is already open.",
                DomainErrorKind.Conflict);
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
            throw new DomainRuleException(
                ValidationErrorCodes.PartnerOrganisationUnknown,
                $"This workspace is not linked to a partner organisation of the directory yet. Contact the platform operator or {supportContact}.");
        }

        if (transactingPartner.Type == PartnerType.IndirectReseller)
        {
            // The transacting partner of an indirect reseller is its provider, never the reseller itself.
            throw new DomainRuleException(
                ValidationErrorCodes.IndirectResellerValidatesThroughProvider,
                "An indirect reseller submits customer validations through its indirect provider, with the provider's commercial tenant ID.");
        }

        if (requestedTenantId is { } requested)
        {
            EnsureCommercialTenantId(transactingPartner, requested, supportContact);
        }

        if (!transactingPartner.HasQualification(PartnerQualifications.GovernmentCommunityCloud))
        {
            throw new DomainRuleException(
                ValidationErrorCodes.PartnerNotGccQualified,
                $"The transacting partner must hold the Government_community_cloud qualification before it submits customers (partner validation first). Questions: {supportContact}.");
        }

        return transactingPartner.CommercialTenantId;
    }

    private static void EnsureCommercialTenantId(PartnerOrganisationDto organisation, Guid requestedTenantId, string supportContact)
    {
        if (organisation.AzureGccTenantId is { } azure && azure == requestedTenantId)
        {
            throw new DomainRuleException(
                ValidationErrorCodes.AzureGccTenantIdNotAllowed,
                $"The Azure GCC tenant ID must never be used for GCC validation; use the commercial/global tenant ID (Microsoft ID) {organisation.CommercialTenantId}. Questions: {supportContact}.");
        }

        if (requestedTenantId != organisation.CommercialTenantId)
        {
            throw new DomainRuleException(
                ValidationErrorCodes.TenantIdNotCommercial,
                $"The tenant ID must be the transacting partner's commercial/global tenant ID (Microsoft ID) {organisation.CommercialTenantId}. Questions: {supportContact}.");
        }
    }
}
