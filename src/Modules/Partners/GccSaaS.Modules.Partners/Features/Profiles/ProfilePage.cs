using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Features.ListingRequests;
using GccSaaS.Modules.Partners.Integrations;

namespace GccSaaS.Modules.Partners.Features.Profiles;

/// <summary>
/// The organisation profile of the tenant (Microsoft ID, PartnerID, type, qualifications, listing status)
/// and the PartnerID "Verify" field (R-PAR-4, R-PC-7); an indirect provider's Global admin asks for a listing
/// change here and follows its requests (R-PAR-5).
/// </summary>
[NavigationLink("profile", "/{tenant}/profile", "Nav_Profile", 50, Group = PortalGroup.Validation)]
[Authorize(Policy = GccSaaSPolicies.ProviderUser)]
internal sealed class ProfilePageModel(
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    PartnerDirectory directory,
    PartnersDbContext db,
    IMediator mediator)
    : PortalPageModel(mediator)
{
    /// <summary>The newest requests shown on the profile; the API pages through all of them.</summary>
    public const int RequestsShown = 10;

    public PartnerOrganisation? Organisation { get; private set; }

    /// <summary>R-PAR-5: the organisation's listing change requests, newest first.</summary>
    public IReadOnlyList<ListingRequestView> ListingRequests { get; private set; } = [];

    /// <summary>Whether the caller may ask for a listing change (an indirect provider's Global admin).</summary>
    public bool CanRequestListingChange { get; private set; }

    public bool HasOpenRequest => ListingRequests.Any(r => r.State == ListingRequestState.Open);

    [BindProperty]
    public ListingChangeKind ListingKind { get; set; } = ListingChangeKind.List;

    [BindProperty]
    public string? ListingText { get; set; }



    public bool ListingRequested { get; private set; }

    [BindProperty]
    public string? MpnId { get; set; }

    public PartnerIdVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool requested, CancellationToken cancellationToken)
    {
        ListingRequested = requested;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        await LoadAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(MpnId))
        {
            Verification = await Mediator.Send(new VerifyPartnerIdQuery(tenant.Id, MpnId), cancellationToken);
        }

        return Page();
    }

    /// <summary>R-PAR-5: ask the operator for a listing change (the flag itself is never changed here).</summary>
    public async Task<IActionResult> OnPostRequestListingAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            await Mediator.Send(new RequestListingChangeCommand(tenant.Id, ListingKind, ListingText ?? string.Empty), cancellationToken);
            return RedirectToPage(new { tenant = tenant.Identifier, requested = true });
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
        var tenant = tenants.RequireTenant();
        Organisation = await directory.FindForTenantAsync(tenant.Id, cancellationToken);
        if (Organisation is { Type: PartnerType.IndirectProvider })
        {
            ListingRequests = await ListingRequestViews.ForTenant(db, tenant.Id, null, RequestsShown).ToListAsync(cancellationToken);
            CanRequestListingChange = users.Current?.TenantRole is { } role
                && PartnersPolicies.Roles[PartnersPolicies.CanRequestListingChange].Contains(role);
        }
    }
}
