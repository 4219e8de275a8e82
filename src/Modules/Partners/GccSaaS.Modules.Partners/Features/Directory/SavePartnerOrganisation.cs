using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Partners.Features.Directory;

/// <summary>
/// The platform admin creates (<see cref="Id"/> null) or edits an organisation of the directory, and links it
/// to a workspace tenant by identifier (empty: no workspace). Qualifications are not edited here (R-VAL-4 adds
/// them); the officially-listed flag is for indirect providers only (R-PAR-5: the operator changes it).
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
    bool OfficiallyListed,
    string? WorkspaceTenantIdentifier) : IRequest<Guid>;

internal sealed class SavePartnerOrganisationValidator : IRequestValidator<SavePartnerOrganisationCommand>
{
    public IEnumerable<ValidationFailure> Validate(SavePartnerOrganisationCommand request)
    {
        if (string.IsNullOrWhiteSpace(request.LegalName) || request.LegalName.Length > 200)
        {
            yield return new("legalName", "required", "Give the legal name (at most 200 characters).");
        }

        if (string.IsNullOrWhiteSpace(request.PartnerId) || request.PartnerId.Trim().Length > 20 || !request.PartnerId.Trim().All(char.IsAsciiDigit))
        {
            yield return new("partnerId", "invalid_partner_id", "The PartnerID (MPN ID) is digits only, at most 20.");
        }

        if (request.CountryCode is not { Length: 2 } || !request.CountryCode.All(char.IsAsciiLetter))
        {
            yield return new("countryCode", "invalid_country", "The country or region is a two-letter ISO code.");
        }

        if (string.IsNullOrWhiteSpace(request.CspRegion) || request.CspRegion.Length > 10)
        {
            yield return new("cspRegion", "required", "Give the CSP region (e.g. US, EU).");
        }

        if (request.CommercialTenantId == Guid.Empty)
        {
            yield return new("commercialTenantId", "required", "Give the commercial tenant ID (Microsoft ID).");
        }

        if (request.AzureGccTenantId is { } gcc && gcc == request.CommercialTenantId)
        {
            yield return new("azureGccTenantId", "same_as_commercial", "The Azure GCC tenant ID differs from the commercial tenant ID.");
        }

        if (request.OfficiallyListed && request.Type != PartnerType.IndirectProvider)
        {
            yield return new("officiallyListed", "providers_only", "Only indirect providers are in the official list.");
        }
    }
}

internal sealed class SavePartnerOrganisationCommandHandler(PartnersDbContext db, ITenantStore tenants, TimeProvider clock)
    : IRequestHandler<SavePartnerOrganisationCommand, Guid>
{
    public async Task<Guid> Handle(SavePartnerOrganisationCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var partnerId = request.PartnerId.Trim();
        var id = request.Id ?? Guid.CreateVersion7();

        Guid? workspace = null;
        if (!string.IsNullOrWhiteSpace(request.WorkspaceTenantIdentifier))
        {
            workspace = (await tenants.FindByIdentifierAsync(request.WorkspaceTenantIdentifier.Trim(), cancellationToken))?.Id
                ?? throw new DomainRuleException("workspace_tenant_not_found", "No tenant has this identifier.");
        }

        if (await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.PartnerId == partnerId, cancellationToken))
        {
            throw new DomainRuleException("partner_id_taken", "Another organisation of the directory has this PartnerID.", DomainErrorKind.Conflict);
        }

        if (await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.CommercialTenantId == request.CommercialTenantId, cancellationToken))
        {
            throw new DomainRuleException("commercial_tenant_id_taken", "Another organisation of the directory has this commercial tenant ID.", DomainErrorKind.Conflict);
        }

        if (workspace is { } w && await db.PartnerOrganisations.AnyAsync(o => o.Id != id && o.WorkspaceTenantId == w, cancellationToken))
        {
            throw new DomainRuleException("workspace_tenant_taken", "This tenant is already linked to another organisation.", DomainErrorKind.Conflict);
        }

        PartnerOrganisation organisation;
        if (request.Id is { } existing)
        {
            organisation = await db.PartnerOrganisations.FirstOrDefaultAsync(o => o.Id == existing, cancellationToken)
                ?? throw new DomainRuleException("partner_organisation_not_found", "No such organisation.", DomainErrorKind.NotFound);
        }
        else
        {
            organisation = new PartnerOrganisation { Id = id, CreatedAt = now };
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
        organisation.OfficiallyListed = request.OfficiallyListed;
        organisation.WorkspaceTenantId = workspace;
        organisation.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return organisation.Id;
    }
}
