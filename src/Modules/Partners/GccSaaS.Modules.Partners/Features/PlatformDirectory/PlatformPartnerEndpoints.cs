using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Features.Directory;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.PlatformDirectory;

/// <summary>
/// The platform admin's partner directory over the API (<c>/v1/platform/partners</c>, platform API keys,
/// ADR 0011): search with continuation paging, read one, create, edit. Platform level: no tenant reaches it.
/// </summary>
internal static class PlatformPartnerEndpoints
{
    public static RouteGroupBuilder MapPlatformPartnerEndpoints(this RouteGroupBuilder v1)
    {
        var partners = v1.MapGroup("/platform/partners").RequireAuthorization(GccSaaSPolicies.PlatformAdmin);
        partners.MapGet("/", ListAsync)
            .WithName("ListPlatformPartners")
            .WithSummary("The partner directory, ordered by legal name; ?q= searches the name, or matches a PartnerID or commercial tenant ID exactly.");
        partners.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPlatformPartner")
            .WithSummary("One organisation of the partner directory.");
        partners.MapPost("/", CreateAsync)
            .WithName("CreatePlatformPartner")
            .WithSummary("Adds an organisation to the directory (PartnerID and commercial tenant ID unique; optionally linked to a workspace tenant).");
        partners.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdatePlatformPartner")
            .WithSummary("Changes the fields given; workspaceTenant \"\" unlinks. Qualifications and the listing flag are not edited here.");
        return v1;
    }

    private static async Task<IResult> CreateAsync(
        PlatformPartnerRequest body, IMediator mediator, PartnersDbContext db, IStringLocalizer<PartnersResource> l, CancellationToken cancellationToken)
    {
        var command = body.ToCommand(null, current: null, currentWorkspace: null, l);
        var id = await mediator.Send(command, cancellationToken);
        var created = await db.PartnerOrganisations.AsNoTracking().FirstAsync(o => o.Id == id, cancellationToken);
        return Results.Created($"/v1/platform/partners/{id}", PlatformPartnerResponse.From(created));
    }

    private static async Task<PlatformPartnerResponse> UpdateAsync(
        Guid id,
        PlatformPartnerRequest body,
        IMediator mediator,
        PartnersDbContext db,
        ITenantStore tenants,
        IStringLocalizer<PartnersResource> l,
        CancellationToken cancellationToken)
    {
        var current = await db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new DomainRuleException(PartnersErrorCodes.PartnerOrganisationNotFound, l["Error_NotFound"], DomainErrorKind.NotFound);
        var currentWorkspace = current.WorkspaceTenantId is { } workspace
            ? (await tenants.FindByIdAsync(workspace, cancellationToken))?.Identifier
            : null;
        await mediator.Send(body.ToCommand(id, current, currentWorkspace, l), cancellationToken);
        var updated = await db.PartnerOrganisations.AsNoTracking().FirstAsync(o => o.Id == id, cancellationToken);
        return PlatformPartnerResponse.From(updated);
    }

    private static async Task<ResourceCollection<PlatformPartnerResponse>> ListAsync(
        string? q, ContinuationPage<PartnerCursor> page, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var rows = await PartnerSearch.Apply(db.PartnerOrganisations.AsNoTracking(), q, page.After)
            .Take(page.Take)
            .ToListAsync(cancellationToken);
        return page.ToCollection<PlatformPartnerResponse>(
            [.. rows.Select(PlatformPartnerResponse.From)],
            p => new PartnerCursor(p.LegalName, p.Id));
    }

    private static async Task<PlatformPartnerResponse> GetAsync(Guid id, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new DomainRuleException(PartnersErrorCodes.PartnerOrganisationNotFound, "No organisation of the partner directory has this id.", DomainErrorKind.NotFound);
        return PlatformPartnerResponse.From(organisation);
    }
}

/// <summary>
/// The body of POST (all of legalName, partnerId, partnerType, countryCode, cspRegion, commercialTenantId) and
/// PATCH (only what changes). <c>officiallyListed</c> and <c>qualifications</c> are refused by name: the flag
/// changes through listing change requests (R-PAR-5), qualifications through validation approval (R-VAL-4).
/// </summary>
internal sealed record PlatformPartnerRequest(
    string? LegalName,
    string? PartnerId,
    string? PartnerType,
    bool? CspEnrolled,
    bool? PartnerAgreementSigned,
    string? CountryCode,
    string? CspRegion,
    string? CommercialTenantId,
    string? AzureGccTenantId,
    string? WorkspaceTenant,
    bool? OfficiallyListed,
    IReadOnlyList<string>? Qualifications)
{
    public SavePartnerOrganisationCommand ToCommand(Guid? id, PartnerOrganisation? current, string? currentWorkspace, IStringLocalizer<PartnersResource> l)
    {
        if (OfficiallyListed is not null)
        {
            throw new DomainRuleException(PartnersErrorCodes.ListingChangesThroughListingRequests, l["Error_ListingThroughRequests"]);
        }

        if (Qualifications is not null)
        {
            throw new DomainRuleException(PartnersErrorCodes.QualificationsThroughValidation, l["Error_QualificationsThroughValidation"]);
        }

        var failures = new List<ValidationFailure>();
        var type = current?.Type ?? (PartnerType)(-1);
        if (PartnerType is not null && !(Enum.TryParse(PartnerType, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(PartnerType, out _)))
        {
            failures.Add(new("partnerType", "invalid_partner_type", l["Error_PartnerType"]));
        }

        var commercial = current?.CommercialTenantId ?? Guid.Empty;
        if (CommercialTenantId is not null && !Guid.TryParse(CommercialTenantId, out commercial))
        {
            failures.Add(new("commercialTenantId", "invalid_guid", l["Error_CommercialTenantId"]));
        }

        var gcc = current?.AzureGccTenantId;
        if (AzureGccTenantId is not null)
        {
            if (AzureGccTenantId.Length == 0)
            {
                gcc = null;
            }
            else if (Guid.TryParse(AzureGccTenantId, out var parsed))
            {
                gcc = parsed;
            }
            else
            {
                failures.Add(new("azureGccTenantId", "invalid_guid", l["Error_AzureGccTenantId"]));
            }
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        return new SavePartnerOrganisationCommand(
            id,
            LegalName ?? current?.LegalName ?? string.Empty,
            PartnerId ?? current?.PartnerId ?? string.Empty,
            type,
            CspEnrolled ?? current?.CspEnrolled ?? false,
            PartnerAgreementSigned ?? current?.PartnerAgreementSigned ?? false,
            CountryCode ?? current?.CountryCode ?? string.Empty,
            CspRegion ?? current?.CspRegion ?? string.Empty,
            commercial,
            gcc,
            WorkspaceTenant ?? currentWorkspace);
    }
}

/// <summary>The keyset of the directory's order: legal name, then id.</summary>
internal sealed record PartnerCursor(string Name, Guid Id);

/// <summary>Search and keyset order of the directory, shared by the API and the page.</summary>
internal static class PartnerSearch
{
    public static IQueryable<PartnerOrganisation> Apply(IQueryable<PartnerOrganisation> query, string? q, PartnerCursor? after)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = Guid.TryParse(term, out var tenantId)
                ? query.Where(o => o.CommercialTenantId == tenantId || o.AzureGccTenantId == tenantId)
                : query.Where(o => EF.Functions.ILike(o.LegalName, pattern) || o.PartnerId == term);
        }

        if (after is not null)
        {
            // The database compares with the same collation as it orders by: the keyset holds across pages.
            query = query.Where(o => string.Compare(o.LegalName, after.Name) > 0
                || (o.LegalName == after.Name && o.Id.CompareTo(after.Id) > 0));
        }

        return query.OrderBy(o => o.LegalName).ThenBy(o => o.Id);
    }
}

/// <summary>An organisation of the directory as the platform admin sees it.</summary>
internal sealed record PlatformPartnerResponse(
    Guid Id,
    string LegalName,
    string PartnerId,
    string PartnerType,
    bool CspEnrolled,
    bool PartnerAgreementSigned,
    string CountryCode,
    string CspRegion,
    Guid CommercialTenantId,
    Guid? AzureGccTenantId,
    Guid? WorkspaceTenantId,
    IReadOnlyList<string> Qualifications,
    bool OfficiallyListed,
    string ListingStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    PlatformPartnerAttributes Attributes)
{
    public static PlatformPartnerResponse From(PartnerOrganisation o) => new(
        o.Id, o.LegalName, o.PartnerId, o.Type.ToString(), o.CspEnrolled, o.PartnerAgreementSigned, o.CountryCode, o.CspRegion,
        o.CommercialTenantId, o.AzureGccTenantId, o.WorkspaceTenantId, [.. o.Qualifications], o.OfficiallyListed, o.ListingStatus,
        o.CreatedAt, o.UpdatedAt, new PlatformPartnerAttributes("PartnerOrganization"));
}

internal sealed record PlatformPartnerAttributes(string ObjectType);
