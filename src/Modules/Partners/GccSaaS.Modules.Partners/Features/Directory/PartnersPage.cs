using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.Directory;

/// <summary>
/// The platform admin's partner directory: search by name or PartnerID, sort by name or PartnerID, keyset pages
/// forwards and back (the one <see cref="PortalList"/>), create and edit an organisation (including which tenant it is).
/// </summary>
[NavigationLink("partners", "/platform/partners", "Nav_Partners", 20)]
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class PartnersPageModel(PartnersDbContext db, IMediator mediator, ITenantStore tenants, IStringLocalizer<PartnersResource> l) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<PartnerOrganisation> Items { get; private set; } = [];

    /// <summary>The directory's sort (name or PartnerID), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public OrganisationForm Form { get; set; } = new();

    public bool Editing { get; private set; }

    /// <summary>The edited organisation's listing status (shown, never edited here: R-PAR-5).</summary>
    public string? ListingStatus { get; private set; }

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<PartnerCursor>(HttpContext, PartnerSorts.All, PageSize, out _))
        {
            return BadRequest();
        }

        if (edit is { } id && await db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } o)
        {
            Editing = true;
            Form = OrganisationForm.From(o);
            ListingStatus = o.ListingStatus;
            if (o.WorkspaceTenantId is { } workspace)
            {
                Form.WorkspaceTenant = (await tenants.FindByIdAsync(workspace, cancellationToken))?.Identifier;
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Editing = Form.Id is not null;
        try
        {
            if (!Guid.TryParse(Form.CommercialTenantId, out var commercial))
            {
                throw new RequestValidationException([new("commercialTenantId", "invalid", l["Error_CommercialTenantId"])]);
            }

            Guid? gcc = null;
            if (!string.IsNullOrWhiteSpace(Form.AzureGccTenantId))
            {
                gcc = Guid.TryParse(Form.AzureGccTenantId, out var g) ? g
                    : throw new RequestValidationException([new("azureGccTenantId", "invalid", l["Error_AzureGccTenantId"])]);
            }

            var id = await Mediator.Send(new SavePartnerOrganisationCommand(
                Form.Id, Form.LegalName ?? string.Empty, Form.PartnerId ?? string.Empty, Form.Type, Form.CspEnrolled, Form.PartnerAgreementSigned,
                Form.CountryCode ?? string.Empty, Form.CspRegion ?? string.Empty, commercial, gcc, Form.WorkspaceTenant), cancellationToken);
            Saved = id.ToString();
            Form = new();
            Editing = false;
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<PartnerCursor>(HttpContext, PartnerSorts.All, PageSize, out var list))
        {
            return;
        }

        List = list;
        var query = db.PartnerOrganisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(o => EF.Functions.ILike(o.LegalName, "%" + q.Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%") || o.PartnerId == q);
        }

        // Keyset: rows strictly after the cursor in the list's order, each order one index range read either way
        // (ix_partner_organisations_legal_name on lower(legal_name) and id; the unique PartnerID).
        var descending = list.ReadDescending;
        IOrderedQueryable<PartnerOrganisation> ordered;
#pragma warning disable CA1304, CA1311, CA1862 // lower() in SQL, never evaluated in .NET
        if (list.SortKey == PartnerSorts.PartnerId)
        {
            if (list.Seek is { } after)
            {
                query = descending
                    ? query.Where(o => string.Compare(o.PartnerId, after.Key) < 0)
                    : query.Where(o => string.Compare(o.PartnerId, after.Key) > 0);
            }

            ordered = descending ? query.OrderByDescending(o => o.PartnerId) : query.OrderBy(o => o.PartnerId);
        }
        else
        {
            if (list.Seek is { } after)
            {
                query = descending
                    ? query.Where(o => string.Compare(o.LegalName.ToLower(), after.Key) < 0 || (o.LegalName.ToLower() == after.Key && o.Id.CompareTo(after.Id) < 0))
                    : query.Where(o => string.Compare(o.LegalName.ToLower(), after.Key) > 0 || (o.LegalName.ToLower() == after.Key && o.Id.CompareTo(after.Id) > 0));
            }

            ordered = descending
                ? query.OrderByDescending(o => o.LegalName.ToLower()).ThenByDescending(o => o.Id)
                : query.OrderBy(o => o.LegalName.ToLower()).ThenBy(o => o.Id);
        }

        var rows = await ordered.Take(list.Take).Select(o => new DirectoryRow(o, o.LegalName.ToLower())).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        var sort = list.SortKey;
        Items = [.. list.Page(rows, r => sort == PartnerSorts.PartnerId ? new PartnerCursor(r.Organisation.PartnerId, r.Organisation.Id) : new PartnerCursor(r.NameKey, r.Organisation.Id))
            .Select(r => r.Organisation)];
    }

    /// <summary>An organisation with its name as the database sorts it (lower() in SQL, so that the page token matches).</summary>
    private sealed record DirectoryRow(PartnerOrganisation Organisation, string NameKey);
}

/// <summary>The keyset of the directory: the sort's text (the lower-case name, or the PartnerID), then the organisation id.</summary>
internal sealed record PartnerCursor(string Key, Guid Id);

/// <summary>The orders the directory offers, each served by an index.</summary>
internal static class PartnerSorts
{
    public const string Name = "name";
    public const string PartnerId = "partnerid";

    public static readonly IReadOnlyList<string> All = [Name, PartnerId];
}

internal sealed class OrganisationForm
{
    public Guid? Id { get; set; }

    public string? LegalName { get; set; }

    public string? PartnerId { get; set; }

    public PartnerType Type { get; set; } = PartnerType.IndirectReseller;

    public bool CspEnrolled { get; set; } = true;

    public bool PartnerAgreementSigned { get; set; }

    public string? CountryCode { get; set; } = "US";

    public string? CspRegion { get; set; } = "US";

    public string? CommercialTenantId { get; set; }

    public string? AzureGccTenantId { get; set; }

    public string? WorkspaceTenant { get; set; }

    public static OrganisationForm From(PartnerOrganisation o) => new()
    {
        Id = o.Id,
        LegalName = o.LegalName,
        PartnerId = o.PartnerId,
        Type = o.Type,
        CspEnrolled = o.CspEnrolled,
        PartnerAgreementSigned = o.PartnerAgreementSigned,
        CountryCode = o.CountryCode,
        CspRegion = o.CspRegion,
        CommercialTenantId = o.CommercialTenantId.ToString(),
        AzureGccTenantId = o.AzureGccTenantId?.ToString(),
    };
}
