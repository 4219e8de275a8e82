using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Integrations;

namespace GccSaaS.Modules.Partners.Features.Profiles;

/// <summary>
/// The Partner Center profile resources of the caller's tenant: the organisation profile and PartnerID
/// (MPN ID) verification (R-PAR-4, R-PC-7).
/// </summary>
internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/profiles/organization", GetOrganizationProfile)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("GetOrganizationProfile")
            .WithSummary("The signed-in tenant's organisation: Microsoft ID, PartnerID, partner type, qualifications, listing status.");

        v1.MapGet("/profiles/mpn", VerifyMpnId)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("GetMpnProfile")
            .WithSummary("R-PAR-4, R-PC-7: the reseller's name for a PartnerID, or why the provider cannot use it; without mpnId, the caller's own profile.");
        return v1;
    }

    private static async Task<IResult> GetOrganizationProfile(ITenantContextAccessor tenants, PartnerDirectory directory, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var organisation = await directory.FindForTenantAsync(tenant.Id, cancellationToken) ?? throw NotLinked();
        return Results.Ok(OrganizationProfileResponse.From(tenant, organisation));
    }

    private static DomainRuleException NotLinked() => new(
        PartnersErrorCodes.OrganizationNotLinked,
        "This workspace is not linked to an organisation of the partner directory yet; the platform operator links it.",
        DomainErrorKind.NotFound);

    private static async Task<IResult> VerifyMpnId(
        HttpContext context, string? mpnId, ITenantContextAccessor tenants, IMediator mediator, PartnerDirectory directory, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (!context.Request.Query.ContainsKey("mpnId"))
        {
            // Partner Center: without mpnId, the signed-in partner's own MPN profile.
            var own = await directory.FindForTenantAsync(tenant.Id, cancellationToken) ?? throw NotLinked();
            return Results.Ok(new MpnProfileResponse(own.LegalName, own.PartnerId, "MpnProfile", new ProfileAttributes("MpnProfile")));
        }

        if (string.IsNullOrWhiteSpace(mpnId))
        {
            throw new RequestValidationException([new ValidationFailure("mpnId", "required", "Give the PartnerID (MPN ID) to verify, or leave mpnId out for your own profile.")]);
        }

        var verification = await mediator.Send(new VerifyPartnerIdQuery(tenant.Id, mpnId), cancellationToken);
        if (!verification.IsUsable)
        {
            throw PartnerIdRefusals.ToException(verification);
        }

        // A usable PartnerID is one found in the directory (PartnerIdRules.Verify), so it has a legal name.
        var legalName = verification.LegalName
            ?? throw new InvalidOperationException($"PartnerID {verification.PartnerId} was verified as usable without a legal name.");
        return Results.Ok(new MpnProfileResponse(legalName, verification.PartnerId, "MpnProfile", new ProfileAttributes("MpnProfile")));
    }
}

/// <summary>The refusal of each R-PC-7 code: its status and a message for people.</summary>
internal static class PartnerIdRefusals
{
    public static DomainRuleException ToException(PartnerIdVerification verification) => verification.Code switch
    {
        PartnersErrorCodes.UnknownPartnerId => new(verification.Code, $"No partner with PartnerID {verification.PartnerId} is onboarded as a CSP partner.", DomainErrorKind.NotFound),
        PartnersErrorCodes.NotIndirectReseller => new(verification.Code, $"PartnerID {verification.PartnerId} is not an indirect reseller account; use the PartnerID of the reseller's indirect reseller location."),
        PartnersErrorCodes.PartnerAgreementNotSigned => new(verification.Code, $"The reseller with PartnerID {verification.PartnerId} has not signed the Microsoft Partner Agreement."),
        PartnersErrorCodes.RegionMismatch => new(verification.Code, $"The reseller with PartnerID {verification.PartnerId} is in a different region from yours."),
        _ => new(verification.Code ?? PartnersErrorCodes.PartnerIdNotUsable, $"PartnerID {verification.PartnerId} cannot be used."),
    };
}

internal sealed record ProfileAttributes(string ObjectType);

internal sealed record MpnProfileResponse(string PartnerName, string MpnId, string ProfileType, ProfileAttributes Attributes);

internal sealed record OrganizationProfileResponse(
    Guid Id,
    Guid TenantId,
    string CompanyName,
    Guid MicrosoftId,
    string PartnerId,
    string PartnerType,
    string CountryCode,
    string CspRegion,
    bool CspEnrolled,
    bool PartnerAgreementSigned,
    IReadOnlyList<string> Qualifications,
    string ListingStatus,
    string ProfileType,
    ProfileAttributes Attributes)
{
    public static OrganizationProfileResponse From(TenantInfo tenant, PartnerOrganisation o) => new(
        o.Id, tenant.Id, o.LegalName, o.CommercialTenantId, o.PartnerId, o.Type.ToString(), o.CountryCode, o.CspRegion,
        o.CspEnrolled, o.PartnerAgreementSigned, [.. o.Qualifications], o.ListingStatus, "OrganizationProfile", new ProfileAttributes("OrganizationProfile"));
}
