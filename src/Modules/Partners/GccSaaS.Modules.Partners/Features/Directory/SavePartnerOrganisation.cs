using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.Directory;

/// <summary>
/// The platform admin creates (<see cref="Id"/> null) or edits an organisation of the directory, and links it
/// to a workspace tenant by identifier (empty: no workspace). Neither qualifications (R-VAL-4 adds them) nor
/// the officially-listed flag (R-PAR-5: only an approved listing change request sets it) are edited here; a
/// new organisation is not listed, and an organisation that stops being an indirect provider is unlisted.
/// </summary>
internal sealed record SavePartnerOrganisationCommand(
    Guid? Id,
    string LegalName,
    string PartnerId,
    PartnerType Type,
    bool CspEnrolled,
    bool PartnerAgreementSigned,
    string CountryCode,
    string CspRegion,
    Guid CommercialTenantId,
    Guid? AzureGccTenantId,
    string? WorkspaceTenantIdentifier) : IRequest<Guid>;

internal sealed class SavePartnerOrganisationValidator(IStringLocalizer<PartnersResource> l) : IRequestValidator<SavePartnerOrganisationCommand>
{
    public IEnumerable<ValidationFailure> Validate(SavePartnerOrganisationCommand request)
    {
        if (string.IsNullOrWhiteSpace(request.LegalName) || request.LegalName.Trim().Length > 200)
        {
            yield return new("legalName", "required", l["Error_LegalName"]);
        }

        if (string.IsNullOrWhiteSpace(request.PartnerId) || request.PartnerId.Trim().Length > 20 || !request.PartnerId.Trim().All(char.IsAsciiDigit))
        {
            yield return new("partnerId", "invalid_partner_id", l["Error_PartnerId"]);
        }

        if (!Enum.IsDefined(request.Type))
        {
            yield return new("partnerType", "invalid_partner_type", l["Error_PartnerType"]);
        }

        if (!LocaleChoices.IsCountry(request.CountryCode))
        {
            yield return new("countryCode", "invalid_country", l["Error_Country"]);
        }

        if (string.IsNullOrWhiteSpace(request.CspRegion) || request.CspRegion.Trim().Length > 10)
        {
            yield return new("cspRegion", "required", l["Error_Region"]);
        }

        if (request.CommercialTenantId == Guid.Empty)
        {
            yield return new("commercialTenantId", "required", l["Error_CommercialTenantId"]);
        }

        if (request.AzureGccTenantId is { } gcc && gcc == request.CommercialTenantId)
        {
            yield return new("azureGccTenantId", "same_as_commercial", l["Error_GccSameAsCommercial"]);
        }
    }
}

internal sealed class SavePartnerOrganisationCommandHandler(
    PartnersDbContext db,
    ITenantStore tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    IStringLocalizer<PartnersResource> l)
    : IRequestHandler<SavePartnerOrganisationCommand, Guid>
{
    public async Task<Guid> Handle(SavePartnerOrganisationCommand request, CancellationToken cancellationToken)
    {
        // Pages and endpoints check the policy first; the handler checks it again.
        if (users.Current?.HasPlatformRole(GccSaaSRoles.PlatformAdmin) != true)
        {
            throw new DomainRuleException("forbidden", l["Error_PlatformAdminOnly"], DomainErrorKind.Forbidden);
        }

        var now = clock.GetUtcNow();
        var partnerId = request.PartnerId.Trim();
        var id = request.Id ?? Guid.CreateVersion7();

        PartnerOrganisation organisation;
        if (request.Id is { } existing)
        {
            organisation = await db.PartnerOrganisations.FirstOrDefaultAsync(o => o.Id == existing, cancellationToken)
                ?? throw new DomainRuleException(PartnersErrorCodes.PartnerOrganisationNotFound, l["Error_NotFound"], DomainErrorKind.NotFound);
        }
        else
        {
            organisation = new PartnerOrganisation { Id = id, CreatedAt = now };
        }

        Guid? workspace = null;
        if (!string.IsNullOrWhiteSpace(request.WorkspaceTenantIdentifier))
        {
            workspace = (await tenants.FindByIdentifierAsync(request.WorkspaceTenantIdentifier.Trim(), cancellationToken))?.Id
                ?? throw new DomainRuleException(PartnersErrorCodes.WorkspaceTenantNotFound, l["Error_WorkspaceNotFound"]);
        }

        if (await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.PartnerId == partnerId, cancellationToken))
        {
            throw new DomainRuleException(PartnersErrorCodes.PartnerIdTaken, l["Error_PartnerIdTaken"], DomainErrorKind.Conflict);
        }

        if (await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.CommercialTenantId == request.CommercialTenantId, cancellationToken))
        {
            throw new DomainRuleException(PartnersErrorCodes.CommercialTenantIdTaken, l["Error_CommercialTenantIdTaken"], DomainErrorKind.Conflict);
        }

        if (workspace is { } w && await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.WorkspaceTenantId == w, cancellationToken))
        {
            throw new DomainRuleException(PartnersErrorCodes.WorkspaceTenantTaken, l["Error_WorkspaceTaken"], DomainErrorKind.Conflict);
        }

        if (request.Id is null)
        {
            db.PartnerOrganisations.Add(organisation);
        }

        organisation.LegalName = request.LegalName.Trim();
        organisation.PartnerId = partnerId;
        organisation.Type = request.Type;
        organisation.CspEnrolled = request.CspEnrolled;
        organisation.PartnerAgreementSigned = request.PartnerAgreementSigned;
        organisation.CountryCode = request.CountryCode.ToUpperInvariant();
        organisation.CspRegion = request.CspRegion.Trim().ToUpperInvariant();
        organisation.CommercialTenantId = request.CommercialTenantId;
        organisation.AzureGccTenantId = request.AzureGccTenantId;
        organisation.WorkspaceTenantId = workspace;
        if (organisation.Type != PartnerType.IndirectProvider)
        {
            organisation.OfficiallyListed = false; // the official list is of indirect providers only (R-PAR-5)
        }

        organisation.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return organisation.Id;
    }
}
