using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Partners.Domain;

/// <summary>
/// One organisation of the platform's partner directory (platform level: no tenant owns it). The
/// PartnerID (MPN ID) and the commercial tenant ID ("Microsoft ID") are unique across the directory.
/// </summary>
internal sealed class PartnerOrganisation
{
    public Guid Id { get; set; }

    public string LegalName { get; set; } = string.Empty;

    public string PartnerId { get; set; } = string.Empty;

    public PartnerType Type { get; set; }

    public bool CspEnrolled { get; set; }

    public bool PartnerAgreementSigned { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country or region of the organisation.</summary>
    public string CountryCode { get; set; } = string.Empty;

    /// <summary>The CSP region the organisation transacts in (e.g. <c>US</c>, <c>EU</c>); R-PC-7 compares it.</summary>
    public string CspRegion { get; set; } = string.Empty;

    public Guid CommercialTenantId { get; set; }

    public Guid? AzureGccTenantId { get; set; }

    /// <summary>
    /// The GccSaaS tenant (workspace) this organisation is, if any: set by the platform admin; unique, so a
    /// tenant is at most one organisation (ADR 0009). Resellers are found through reseller memberships instead.
    /// </summary>
    public Guid? WorkspaceTenantId { get; set; }

    public List<string> Qualifications { get; set; } = [];

    /// <summary>R-PAR-5: providers only; changed by the platform operator, never by the provider.</summary>
    public bool OfficiallyListed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Adds a qualification once; answers whether it was new.</summary>
    public bool AddQualification(string qualification, DateTimeOffset now)
    {
        if (Qualifications.Contains(qualification))
        {
            return false;
        }

        Qualifications = [.. Qualifications, qualification];
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// The listing status shown on the organisation profile: providers are <c>Listed</c> or <c>NotListed</c>
    /// in the official list of indirect providers; other partner types are not listed there.
    /// </summary>
    public string ListingStatus => Type == PartnerType.IndirectProvider
        ? (OfficiallyListed ? ListingStatuses.Listed : ListingStatuses.NotListed)
        : ListingStatuses.NotApplicable;

    public PartnerOrganisationDto ToDto() => new(
        Id, LegalName, PartnerId, Type, CspEnrolled, PartnerAgreementSigned, CountryCode, CspRegion,
        CommercialTenantId, AzureGccTenantId, [.. Qualifications], OfficiallyListed);
}

internal static class ListingStatuses
{
    public const string Listed = "Listed";
    public const string NotListed = "NotListed";
    public const string NotApplicable = "NotApplicable";
}

/// <summary>
/// R-PAR-4, R-PC-7: whether a PartnerID can be used by a provider (partnering, incentive credit), and if
/// not, the precise reason, checked in this order: unknown, not an indirect reseller, agreement not signed,
/// region different from the provider's.
/// </summary>
internal static class PartnerIdRules
{
    public static PartnerIdVerification Verify(string partnerId, PartnerOrganisation? reseller, PartnerOrganisation? provider)
    {
        if (reseller is null)
        {
            return new(partnerId, false, PartnersErrorCodes.UnknownPartnerId, null, null);
        }

        string? code = null;
        if (reseller.Type != PartnerType.IndirectReseller)
        {
            code = PartnersErrorCodes.NotIndirectReseller;
        }
        else if (!reseller.PartnerAgreementSigned)
        {
            code = PartnersErrorCodes.PartnerAgreementNotSigned;
        }
        else if (provider is not null && !string.Equals(provider.CspRegion, reseller.CspRegion, StringComparison.OrdinalIgnoreCase))
        {
            code = PartnersErrorCodes.RegionMismatch;
        }

        return new(reseller.PartnerId, code is null, code, reseller.Id, reseller.LegalName);
    }
}
