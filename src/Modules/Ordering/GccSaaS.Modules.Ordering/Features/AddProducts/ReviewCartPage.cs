using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Checkout;
using GccSaaS.Modules.Ordering.Features.Pricing;
using GccSaaS.Modules.Ordering.Resources;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.AddProducts;

/// <summary>One problem of the review: its code and description (the user's language) and where to fix it.</summary>
internal sealed record ReviewProblem(string Code, int? LineNumber, string Description, string FixHref, string FixText);

/// <summary>
/// R-ORD-2, seed 003 steps 11–13: the review of a cart before "Buy". It runs the same pre-flight as
/// <c>GET …/checkout/preview</c> (<see cref="PreviewCheckoutQuery"/>) and shows every problem at once, each with a link to
/// fix it; the reseller of record with its MPN ID; the prices (a reseller user its own, a provider user the list price,
/// the markup and the reseller's price). "Buy" checks out through the same command as the API (idempotent: a cart is
/// ordered once), then shows the customer's subscriptions. "Cancel" asks first, then abandons the whole cart.
/// </summary>
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class ReviewCartPageModel(
    IMediator mediator,
    ITenantContextAccessor tenants,
    OrderingScope scope,
    OrderingCustomers customers,
    OrderingRefusals refusals,
    ResellerPricing pricing,
    IStringLocalizer<OrderingResource> o) : PortalPageModel(mediator)
{
    public OrderingCustomer? Customer { get; private set; }

    public CheckoutPreview? Preview { get; private set; }

    public CartDto Cart => Preview?.Cart ?? throw new InvalidOperationException("The review renders only a cart it found.");

    public IReadOnlyList<ReviewProblem> Problems { get; private set; } = [];

    public IReadOnlyDictionary<string, OfferDto> Offers { get; private set; } = new Dictionary<string, OfferDto>();

    /// <summary>The reseller of record's organisation (its name; the MPN ID is <see cref="CheckoutPreview.Reseller"/>'s).</summary>
    public PartnerOrganisationDto? ResellerOfRecord { get; private set; }

    /// <summary>The markup in force for the reseller of record (a reseller user: its own); null without one.</summary>
    public decimal? Markup { get; private set; }

    /// <summary>The id the Buy form carries: the order's request id (a resubmitted Buy answers the same order anyway).</summary>
    public Guid SubmissionId { get; } = Guid.NewGuid();

    public bool ConfirmingCancel { get; private set; }

    public bool IsReseller => scope.IsReseller;

    public bool CanBuy => Problems.Count == 0 && Preview?.Cart.Status == CartStatuses.Active;

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public string CustomerPath => $"/{TenantIdentifier}/customers/{Customer?.Id}";

    public string EditPath => $"{CustomerPath}/subscriptions/new?cart={Preview?.Cart.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid cartId, string? confirm, CancellationToken cancellationToken)
    {
        ConfirmingCancel = confirm == "cancel";
        return await LoadAsync(id, cartId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>"Buy" (Kaufen): the checkout of <c>POST …/carts/{cartId}/checkout</c>, in one transaction.</summary>
    public async Task<IActionResult> OnPostBuyAsync(Guid id, Guid cartId, Guid submissionId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            var result = await Mediator.Send(
                new CheckoutCartCommand(tenant.Id, id, cartId, submissionId == Guid.Empty ? Guid.NewGuid() : submissionId), cancellationToken);
            StatusForNextPage = o["Status_OrderPlaced", result.Order.LineItems.Count];
            return Redirect($"/{tenant.Identifier}/customers/{id}/subscriptions?order={result.Order.Id}");
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        return await LoadAsync(id, cartId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>R-ORD-2: "Cancel" (Abbrechen) abandons the whole cart, after the page asked.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid cartId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            await Mediator.Send(new CancelCartCommand(tenant.Id, id, cartId), cancellationToken);
            StatusForNextPage = o["Status_CartCancelled"];
            return Redirect($"/{tenant.Identifier}/customers/{id}/subscriptions");
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        return await LoadAsync(id, cartId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The reseller price of one licence of a line, when there is a reseller to price for.</summary>
    public decimal? ResellerPrice(CartLineDto line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.ListPrice is { } list && Markup is { } markup ? ResellerPrices.Of(list, markup) : null;
    }

    /// <summary>What the cart costs per billing cycle: (cycle, list total, reseller total).</summary>
    public IEnumerable<(string Cycle, string Currency, decimal List, decimal? Reseller)> Totals() =>
        Cart.LineItems.Where(l => l.ListPrice is not null)
            .GroupBy(l => (l.BillingCycle, l.CurrencyCode))
            .Select(g => (
                g.Key.BillingCycle,
                g.Key.CurrencyCode,
                g.Sum(l => (l.ListPrice ?? 0m) * l.Quantity),
                Markup is null ? (decimal?)null : g.Sum(l => (ResellerPrice(l) ?? 0m) * l.Quantity)));

    private async Task<bool> LoadAsync(Guid id, Guid cartId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        Customer = await customers.FindAsync(tenant.Id, id, cancellationToken);
        if (Customer is null)
        {
            return false;
        }

        try
        {
            Preview = await Mediator.Send(new PreviewCheckoutQuery(tenant.Id, id, cartId), cancellationToken);
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return false;
        }

        Offers = await Mediator.Send(new GetOffersQuery([.. Preview.Cart.LineItems.Select(l => l.OfferId)]), cancellationToken);
        var priced = Preview.Reseller?.OrganisationId ?? (IsReseller ? scope.ResellerLimit : null);
        if (priced is { } reseller && reseller != Guid.Empty)
        {
            ResellerOfRecord = (await customers.ResellersAsync([reseller], cancellationToken)).GetValueOrDefault(reseller);
            Markup = await pricing.MarkupInForceAsync(tenant.Id, reseller, cancellationToken);
        }

        // A bought or cancelled cart is said so on the page, not listed as a problem to fix.
        Problems = Preview.Cart.Status != CartStatuses.Active ? [] : [.. Preview.Problems.Select(Fix)];
        return true;
    }

    /// <summary>Each problem with the place that fixes it: the cart's line or field, the customer's account page, GCC validation.</summary>
    private ReviewProblem Fix(CheckoutProblem problem)
    {
        var line = problem.LineNumber is { } number ? Cart.LineItems.FirstOrDefault(l => l.Id == number) : null;
        var (href, text) = problem.Code switch
        {
            OrderingErrorCodes.CartExpired => ($"{CustomerPath}/subscriptions/new", "Fix_NewCart"),
            OrderingErrorCodes.CartEmpty => (EditPath + "#products", "Fix_Cart"),
            OrderingErrorCodes.CustomerAgreementMissing => (CustomerPath + "#agreements-heading", "Fix_Agreement"),
            OrderingErrorCodes.CustomerNotGccValidated => (CustomerPath + "#qualifications-heading", "Fix_CustomerGcc"),
            OrderingErrorCodes.PartnerNotGccQualified => ($"/{TenantIdentifier}/validation", "Fix_PartnerGcc"),
            OrderingErrorCodes.AttestationNotAccepted => (EditPath + "#attestation", "Fix_Attestation"),
            OrderingErrorCodes.OfferRetired or OrderingErrorCodes.TermNotOffered or OrderingErrorCodes.QuantityOutOfRange
                or OrderingErrorCodes.CommercialOfferForGccCustomer or OrderingErrorCodes.OfferNotFound
                => (EditPath + (line is null ? "#products" : "#line-" + line.OfferId), "Fix_Product"),
            _ => (EditPath + "#reseller", "Fix_Reseller"), // the reseller of record (R-PC-7, R-CUS-3)
        };
        return new ReviewProblem(problem.Code, problem.LineNumber, refusals.Describe(problem), href, o[text]);
    }
}
