using MediatR;

namespace GccSaaS.Modules.Partners.Contracts;

/// <summary>The partner types of the CSP two-tier model (DOMAIN.md, partner directory).</summary>
public enum PartnerType
{
    DirectReseller = 0,
    IndirectProvider = 1,
    IndirectReseller = 2,
}

/// <summary>The reseller qualification names the partner directory carries.</summary>
public static class PartnerQualifications
{
    /// <summary>R-VAL-4: added when the partner's GCC validation is approved.</summary>
    public const string GovernmentCommunityCloud = "Government_community_cloud";
}

/// <summary>
/// A partner organisation of the platform's directory. <see cref="PartnerId"/> is the MPN ID of the
/// partner location account; <see cref="CommercialTenantId"/> is the commercial/global tenant ID shown
/// as "Microsoft ID"; <see cref="AzureGccTenantId"/> must never be used for validation (R-VAL-2).
/// </summary>
public sealed record PartnerOrganisationDto(
    Guid Id,
    string LegalName,
    string PartnerId,
    PartnerType Type,
    bool CspEnrolled,
    bool PartnerAgreementSigned,
    string CountryCode,
    string CspRegion,
    Guid CommercialTenantId,
    Guid? AzureGccTenantId,
    IReadOnlyList<string> Qualifications,
    bool OfficiallyListed)
{
    public bool HasQualification(string qualification) => Qualifications.Contains(qualification);
}

/// <summary>One organisation of the directory by its id, or null.</summary>
public sealed record GetPartnerOrganisationQuery(Guid PartnerOrganisationId) : IRequest<PartnerOrganisationDto?>;

/// <summary>
/// The organisation whose commercial tenant ID ("Microsoft ID") this is, or null: Partner Center names a partner by
/// that tenant ID (a reseller's <c>id</c> in relationships, <c>associatedPartnerId</c>), so <c>/v1</c> does too.
/// </summary>
public sealed record GetPartnerOrganisationByTenantIdQuery(Guid CommercialTenantId) : IRequest<PartnerOrganisationDto?>;

/// <summary>
/// The organisations with these ids (one page's resellers, at most <see cref="MaxIds"/>); ids the directory
/// does not hold are left out.
/// </summary>
public sealed record GetPartnerOrganisationsQuery(IReadOnlyCollection<Guid> PartnerOrganisationIds) : IRequest<IReadOnlyList<PartnerOrganisationDto>>
{
    public const int MaxIds = 1000;
}

/// <summary>The organisation (an indirect provider or direct reseller) whose workspace the tenant is, or null.</summary>
public sealed record GetTenantPartnerOrganisationQuery(Guid TenantId) : IRequest<PartnerOrganisationDto?>;

/// <summary>
/// R-PAR-4, R-PC-7: may the tenant's provider partner with (or credit) the reseller behind this PartnerID?
/// </summary>
public sealed record VerifyPartnerIdQuery(Guid TenantId, string PartnerId) : IRequest<PartnerIdVerification>;

/// <summary>
/// The answer of <see cref="VerifyPartnerIdQuery"/>: the reseller's name, or the precise reason it cannot
/// be used, as a stable <see cref="Code"/>: <c>unknown_partner_id</c>, <c>not_indirect_reseller</c>,
/// <c>partner_agreement_not_signed</c>, <c>region_mismatch</c>.
/// </summary>
public sealed record PartnerIdVerification(string PartnerId, bool IsUsable, string? Code, Guid? PartnerOrganisationId, string? LegalName);

/// <summary>
/// Fills the partner directory with the demo organisations (idempotent) and links the demo tenants named
/// by identifier (<c>contoso-distribution</c>, <c>fabrikam-cloud</c>) to theirs. Sent by the host's demo seed.
/// </summary>
public sealed record SeedDemoPartnerDirectoryCommand(IReadOnlyDictionary<string, Guid> TenantIdsByIdentifier) : IRequest<int>;
