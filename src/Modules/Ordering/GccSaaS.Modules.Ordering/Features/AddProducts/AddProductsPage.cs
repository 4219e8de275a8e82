using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Pricing;
using GccSaaS.Modules.Ordering.Resources;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.AddProducts;

/// <summary>
/// R-ORD-2, R-ORD-3, seed 003 step 8 ("Abonnements hinzufügen"): the cart of a customer. The offers of the customer's
/// country (GCC offers marked) with licence counts, term and billing cycle; for provider users the reseller to credit
/// (a partnered reseller, or a PartnerID typed in), for reseller users themselves with their MPN ID; the partner-of-record
/// attestation. "Review" saves the cart through the same command as <c>POST /v1/customers/{id}/carts</c> (the form's
/// cart id makes a resubmitted form one cart) and opens the review. <c>?cart=</c> changes an active cart again.
/// </summary>
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class AddProductsPageModel(
    IMediator mediator,
    ITenantContextAccessor tenants,
    OrderingScope scope,
    OrderingCustomers customers,
    ResellerPricing pricing,
    IStringLocalizer<OrderingResource> o) : PortalPageModel(mediator)
{
    /// <summary>The reseller choice that means "a PartnerID typed in" (R-ORD-4: an indirect reseller not in the list).</summary>
    public const string OtherReseller = "other";

    [BindProperty]
    public AddProductsForm Form { get; set; } = new();

    public OrderingCustomer? Customer { get; private set; }

    /// <summary>One row per line of the form, with its offer.</summary>
    public IReadOnlyList<(int Index, OfferDto Offer)> Rows { get; private set; } = [];

    public IReadOnlyList<PartnershipDto> Partnerships { get; private set; } = [];

    /// <summary>The customer's reseller (provider users) or the user's own organisation (reseller users).</summary>
    public PartnerOrganisationDto? Reseller { get; private set; }

    /// <summary>The markup in force for <see cref="Reseller"/>; null when there is none (no reseller price to show).</summary>
    public decimal? Markup { get; private set; }

    public bool IsReseller => scope.IsReseller;

    /// <summary>The cart named by <c>?cart=</c> was bought or cancelled: this is a new one.</summary>
    public bool CartClosed { get; private set; }

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public string CustomerPath => $"/{TenantIdentifier}/customers/{Customer?.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? cart, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (!await LoadAsync(tenant.Id, id, cancellationToken))
        {
            return NotFound();
        }

        var catalogue = await CatalogueAsync(cancellationToken);
        Form = new AddProductsForm
        {
            CartId = Guid.NewGuid(),
            Lines = [.. catalogue.Select(offer => new AddProductsLine { OfferId = offer.Id, Plan = DefaultPlan(offer) })],
        };
        if (cart is { } cartId)
        {
            CartDto existing;
            try
            {
                existing = await Mediator.Send(new GetCartQuery(tenant.Id, id, cartId), cancellationToken);
            }
            catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
            {
                return NotFound();
            }

            if (existing.Status == CartStatuses.Active)
            {
                Fill(existing);
            }
            else
            {
                CartClosed = true;
            }
        }

        await RowsAsync(catalogue, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (!await LoadAsync(tenant.Id, id, cancellationToken))
        {
            return NotFound();
        }

        var request = Form.ToRequest(IsReseller);
        if (request.Lines.Count == 0)
        {
            Refuse(o["AddProducts_NothingChosen"], StatusCodes.Status400BadRequest);
        }
        else if (!IsReseller && Form.Reseller == OtherReseller && string.IsNullOrWhiteSpace(Form.OtherPartnerId))
        {
            Refuse(o["AddProducts_OtherPartnerIdRequired"], StatusCodes.Status400BadRequest, "Form.OtherPartnerId");
        }
        else
        {
            try
            {
                var cart = await Mediator.Send(new CreateCartCommand(tenant.Id, id, Form.CartId == Guid.Empty ? null : Form.CartId, request), cancellationToken);
                return Redirect($"{CustomerPath}/subscriptions/carts/{cart.Id}");
            }
            catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
            {
                return NotFound();
            }
            catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
            {
                Refuse(ex);
            }
        }

        await RowsAsync(await CatalogueAsync(cancellationToken), cancellationToken);
        return Page();
    }

    /// <summary>The option text of a plan: the term, the billing cycle and the price(s) this user sees.</summary>
    public string PlanText(OfferPriceDto price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var plan = o["Plan_Text", o["Term_" + price.TermDuration], o["Cycle_" + price.BillingCycle]].Value;
        if (IsReseller)
        {
            return o["AddProducts_PlanYourPrice", plan, OrderingText.Money(ResellerPrices.Of(price.ListPrice, Markup ?? 0m), price.CurrencyCode)];
        }

        var list = OrderingText.Money(price.ListPrice, price.CurrencyCode);
        return Markup is { } markup
            ? o["AddProducts_PlanBothPrices", plan, list, OrderingText.Money(ResellerPrices.Of(price.ListPrice, markup), price.CurrencyCode)]
            : o["AddProducts_PlanListPrice", plan, list];
    }

    private async Task<bool> LoadAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken)
    {
        Customer = await customers.FindAsync(tenantId, customerId, cancellationToken);
        if (Customer is null)
        {
            return false;
        }

        if (IsReseller)
        {
            Reseller = await customers.OwnResellerAsync(cancellationToken);
            Markup = await pricing.MarkupInForceAsync(tenantId, scope.ResellerLimit, cancellationToken);
        }
        else
        {
            // R-ORD-4, R-PC-7: only resellers whose partnership is active can be chosen (a removed one no longer).
            Partnerships = await Mediator.Send(new SearchActivePartnershipsQuery(tenantId, null, 200), cancellationToken);
            if (Customer.Summary.ResellerOrganisationId is { } reseller)
            {
                Reseller = (await customers.ResellersAsync([reseller], cancellationToken)).GetValueOrDefault(reseller);
                Markup = await pricing.MarkupInForceAsync(tenantId, reseller, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>The offers a cart may hold for the customer: its country's catalogue, retired offers left out, GCC offers first.</summary>
    private async Task<IReadOnlyList<OfferDto>> CatalogueAsync(CancellationToken cancellationToken)
    {
        var country = Customer?.Summary.Country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? c : "US";
        var offers = await Mediator.Send(new ListOffersQuery(country, null, null, null, ContinuationPage<OfferCursor>.MaxSize), cancellationToken);
        return [.. offers.Where(x => !x.Retired).OrderBy(x => x.IsGcc ? 0 : 1).ThenBy(x => x.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The rows for the form's lines: each line with its offer (a line whose offer is unknown is not shown).</summary>
    private async Task RowsAsync(IReadOnlyList<OfferDto> catalogue, CancellationToken cancellationToken)
    {
        var offers = catalogue.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var missing = Form.Lines.Select(l => l.OfferId ?? string.Empty).Where(x => x.Length > 0 && !offers.ContainsKey(x)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var (key, offer) in await Mediator.Send(new GetOffersQuery(missing), cancellationToken))
            {
                offers[key] = offer;
            }
        }

        Rows = [.. Form.Lines.Select((line, index) => (index, offer: offers.GetValueOrDefault(line.OfferId ?? string.Empty)))
            .Where(r => r.offer is not null)
            .Select(r => (r.index, r.offer ?? throw new InvalidOperationException("Filtered above.")))];
    }

    /// <summary>An active cart's lines, attestation and reseller on the form: each line on its offer's row, a second line of one offer on a row of its own.</summary>
    private void Fill(CartDto cart)
    {
        Form.CartId = cart.Id;
        Form.Attested = cart.PartnerOnRecordAttestationAccepted;
        Form.Reseller = cart.ResellerPartnerId is null ? string.Empty
            : Partnerships.Any(p => p.PartnerId == cart.ResellerPartnerId) ? cart.ResellerPartnerId : OtherReseller;
        Form.OtherPartnerId = Form.Reseller == OtherReseller ? cart.ResellerPartnerId : null;
        var filled = new HashSet<int>();
        foreach (var line in cart.LineItems)
        {
            var at = Enumerable.Range(0, Form.Lines.Count).FirstOrDefault(i => Form.Lines[i].OfferId == line.OfferId && !filled.Contains(i), -1);
            if (at < 0)
            {
                Form.Lines.Add(new AddProductsLine { OfferId = line.OfferId });
                at = Form.Lines.Count - 1;
            }

            filled.Add(at);
            Form.Lines[at].Quantity = line.Quantity;
            Form.Lines[at].Plan = OrderingText.Plan(line.TermDuration, line.BillingCycle);
        }
    }

    private static string DefaultPlan(OfferDto offer)
    {
        var price = offer.PriceOf(TermDurations.OneYear, BillingCycles.Monthly) ?? (offer.Prices.Count > 0 ? offer.Prices[0] : null);
        return price is null ? string.Empty : OrderingText.Plan(price.TermDuration, price.BillingCycle);
    }
}

/// <summary>The fields of the Add products form.</summary>
internal sealed class AddProductsForm
{
    /// <summary>The cart's id, made when the form is shown: submitting twice makes one cart, and the review changes the same cart.</summary>
    public Guid CartId { get; set; }

    public List<AddProductsLine> Lines { get; set; } = [];

    /// <summary>R-ORD-2, R-PC-8: "I act as an indirect partner".</summary>
    public bool Attested { get; set; }

    /// <summary>Provider users: empty (the customer's reseller, or none), a partnered reseller's PartnerID, or <see cref="AddProductsPageModel.OtherReseller"/>.</summary>
    public string? Reseller { get; set; }

    public string? OtherPartnerId { get; set; }

    /// <summary>
    /// The form as the API's body, the one record the cart commands take: the lines with a licence count, the
    /// attestation, and the reseller a provider user named (a reseller user buys as itself: the cart names none).
    /// </summary>
    public CartRequest ToRequest(bool isReseller)
    {
        var lines = Lines.Where(l => l.Quantity is { } q && q != 0).Select(l =>
        {
            var (term, cycle) = OrderingText.ParsePlan(l.Plan);
            return new CartLineItemRequest(l.OfferId, l.Quantity, term, cycle);
        });
        var reseller = isReseller || string.IsNullOrWhiteSpace(Reseller) ? null
            : Reseller == AddProductsPageModel.OtherReseller ? OtherPartnerId
            : Reseller;
        return new CartRequest([.. lines], Attested, reseller);
    }
}

/// <summary>One product of the form: the offer, the licence count (empty: not in the cart) and the plan (<c>P1Y:Monthly</c>).</summary>
internal sealed class AddProductsLine
{
    public string? OfferId { get; set; }

    public int? Quantity { get; set; }

    public string? Plan { get; set; }
}
