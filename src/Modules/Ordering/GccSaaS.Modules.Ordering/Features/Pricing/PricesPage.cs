using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.AddProducts;
using GccSaaS.Modules.Ordering.Resources;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Pricing;

/// <summary>
/// Prices (Preise), issue 14's reseller prices. The provider's Global admin sets the default markup and each partnered
/// reseller's own; every provider user sees the markups and a price list with the list price and a reseller's price. A
/// reseller user sees its own prices only, never a markup or another reseller's.
/// </summary>
[NavigationLink("prices", "/{tenant}/prices", "Nav_Prices", 46, Group = PortalGroup.Customers)]
[Authorize(Policy = PricingPolicies.CanReadPrices)]
internal sealed class PricesPageModel(
    IMediator mediator,
    ITenantContextAccessor tenants,
    OrderingScope scope,
    OrderingCustomers customers,
    IStringLocalizer<OrderingResource> o) : PortalPageModel(mediator)
{
    /// <summary>The catalogue the price list shows.</summary>
    public const string Country = "US";

    /// <summary>The default markup as typed (a percentage; a dot or a comma).</summary>
    [BindProperty]
    public string? DefaultMarkup { get; set; }

    [BindProperty]
    public Guid? ResellerOrganisationId { get; set; }

    /// <summary>A reseller's own markup as typed; empty: it pays the default.</summary>
    [BindProperty]
    public string? ResellerMarkup { get; set; }

    public MarkupsDto? Markups { get; private set; }

    public PriceListDto? PriceList { get; private set; }

    /// <summary>The reseller user's organisation (its name on the page).</summary>
    public PartnerOrganisationDto? Own { get; private set; }

    public Guid? ShownReseller { get; private set; }

    public bool IsReseller => scope.IsReseller;

    public bool CanEdit => scope.User?.TenantRole == GccSaaSRoles.GlobalAdmin;

    public string? StatusMessage { get; private set; }

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public async Task<IActionResult> OnGetAsync(Guid? reseller, CancellationToken cancellationToken)
    {
        StatusMessage = TempData["Status"] as string; // shown once
        await LoadAsync(reseller, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDefaultAsync(CancellationToken cancellationToken) =>
        SaveAsync(() => MarkupText.TryParse(DefaultMarkup, out var percent) ? new SetMarkupsCommand(tenants.RequireTenant().Id, percent, []) : null, "DefaultMarkup", cancellationToken);

    public Task<IActionResult> OnPostResellerAsync(CancellationToken cancellationToken) =>
        SaveAsync(
            () =>
            {
                if (ResellerOrganisationId is not { } reseller)
                {
                    return null;
                }

                decimal? percent = null;
                if (!string.IsNullOrWhiteSpace(ResellerMarkup))
                {
                    if (!MarkupText.TryParse(ResellerMarkup, out var parsed))
                    {
                        return null;
                    }

                    percent = parsed;
                }

                return new SetMarkupsCommand(tenants.RequireTenant().Id, null, [new ResellerMarkupChange(null, reseller, percent)]);
            },
            "ResellerMarkup",
            cancellationToken);

    private async Task<IActionResult> SaveAsync(Func<SetMarkupsCommand?> command, string field, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            // Markups are the Global admin's act: refused before any input rule (403).
            Refuse(o["Error_" + OrderingErrorCodes.MarkupsGlobalAdminOnly], StatusCodes.Status403Forbidden);
        }
        else if (command() is not { } change)
        {
            Refuse(o["Error_" + OrderingErrorCodes.MarkupOutOfRange], StatusCodes.Status400BadRequest, field);
        }
        else
        {
            try
            {
                await Mediator.Send(change, cancellationToken);
                StatusForNextPage = o["Status_MarkupSaved"];
                return Redirect($"/{TenantIdentifier}/prices");
            }
            catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
            {
                Refuse(ex is RequestValidationException ? new RequestValidationException([new(field, OrderingErrorCodes.MarkupOutOfRange, o["Error_markup_out_of_range"])]) : ex);
            }
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid? reseller, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (IsReseller)
        {
            Own = await customers.OwnResellerAsync(cancellationToken);
        }
        else
        {
            Markups = await Mediator.Send(new GetMarkupsQuery(tenant.Id), cancellationToken);
            ShownReseller = Markups.Resellers.Any(r => r.ResellerOrganisationId == reseller) ? reseller : null;
        }

        PriceList = await Mediator.Send(new GetPriceListQuery(tenant.Id, Country, ShownReseller), cancellationToken);
    }
}
