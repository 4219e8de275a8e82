using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.Directory;

/// <summary>
/// The platform admin's partner directory: search by name or PartnerID, keyset paging, create and
/// edit an organisation (including which tenant it is).
/// </summary>
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class PartnersPageModel(PartnersDbContext db, IMediator mediator, ITenantStore tenants, IStringLocalizer<PartnersResource> l) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<PartnerOrganisation> Items { get; private set; } = [];

    /// <summary>The id of the last row shown: the next page starts after it (keyset on the id).</summary>
    public Guid? NextAfterId { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public OrganisationForm Form { get; set; } = new();

    public bool Editing { get; private set; }



    /// <summary>The edited organisation's listing status (shown, never edited here: R-PAR-5).</summary>
    public string? ListingStatus { get; private set; }

    public string? Saved { get; private set; }

    public async Task OnGetAsync(Guid? afterId, Guid? edit, CancellationToken cancellationToken)
    {
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

        await LoadAsync(afterId, cancellationToken);
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

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid? afterId, CancellationToken cancellationToken)
    {
        var query = db.PartnerOrganisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(o => EF.Functions.ILike(o.LegalName, "%" + q.Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%") || o.PartnerId == q);
        }

        if (afterId is { } after)
        {
            query = query.Where(o => o.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(o => o.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        Items = [.. rows.Take(PageSize)];
        if (rows.Count > PageSize)
        {
            NextAfterId = Items[^1].Id;
        }
    }
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
