using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Resources;

namespace GccSaaS.Modules.Ordering.Features.CatalogueAdmin;

/// <summary>
/// The platform admin's catalogue page (<c>/platform/offers</c>, next to the partner directory and the listing
/// requests): every offer of every country, retired ones marked, searched by the start of the offer id or any part of the
/// name, by offer id either way, 25/50/100 a page, keyset pages forwards and back (the one <see cref="PortalList"/>);
/// add an offer (its prices per term and billing cycle);
/// retire one, confirmed first (it can no longer be bought; its subscriptions stay; it is never un-retired).
/// </summary>
[NavigationLink("catalogue", "/platform/offers", "Nav_Catalogue", 40)]
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class CatalogueAdminPageModel(IMediator mediator, IStringLocalizer<OrderingResource> o) : PortalPageModel(mediator)
{
    public const int PageSize = 100;

    /// <summary>The one order the catalogue offers (its primary key), either way.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["id"];

    public IReadOnlyList<OfferDto> Offers { get; private set; } = [];

    /// <summary>The catalogue's sort, page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The search: the start of the offer id or any part of the name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>What the post before this page just did (offer added or retired), shown once and never carried in the address.</summary>
    public string? StatusMessage { get; private set; }

    [BindProperty]
    public NewOfferForm Form { get; set; } = new();

    /// <summary>The offer a Retire form names.</summary>
    [BindProperty]
    public string? OfferId { get; set; }

    [BindProperty]
    public bool ConfirmRetire { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<OfferCursor>(HttpContext, Sorts, PageSize, out _))
        {
            return BadRequest();
        }

        StatusMessage = StatusForNextPage;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var (ok, offer) = await TrySendAsync(Form.ToCommand());
        if (ok && offer is not null)
        {
            StatusForNextPage = o["Catalogue_Done_added", offer.Id];
            return Redirect("/platform/offers");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetireAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(OfferId))
        {
            Refuse(o["Catalogue_OfferRequired"], StatusCodes.Status400BadRequest, nameof(OfferId));
        }
        else if (!ConfirmRetire)
        {
            Refuse(o["Catalogue_ConfirmRetireRequired", OfferId], StatusCodes.Status400BadRequest, nameof(ConfirmRetire));
        }
        else
        {
            var (ok, offer) = await TrySendAsync(new RetireOfferCommand(OfferId.Trim()));
            if (ok && offer is not null)
            {
                StatusForNextPage = o["Catalogue_Done_retired", offer.Id];
                return Redirect("/platform/offers");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The command's fields map onto the form's (<c>id</c> → <c>Form.Id</c>); a price's onto its input.</summary>
    protected override string FieldKey(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.StartsWith("prices[", StringComparison.Ordinal))
        {
            var index = field.AsSpan(7, field.IndexOf(']', StringComparison.Ordinal) - 7);
            return int.TryParse(index, out var i) && Form.PriceFieldOf(i) is { } name ? name : "Form.MonthlyP1Y";
        }

        return field == "id" ? "Form.Id" : base.FieldKey(field);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<OfferCursor>(HttpContext, Sorts, PageSize, out var list))
        {
            return;
        }

        List = list;
        var rows = await Mediator.Send(new ListCatalogueQuery(null, list.Seek, list.Take, list.ReadDescending, Q), cancellationToken);
        Offers = list.Page(rows, r => new OfferCursor(r.Id));
    }
}

/// <summary>The Add offer form: one list price input per term and billing cycle the catalogue sells (empty: not sold so).</summary>
internal sealed class NewOfferForm
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ProductFamily { get; set; }

    public string? Segment { get; set; }

    public string? Country { get; set; } = "US";

    public int? MinimumQuantity { get; set; } = 1;

    public int? MaximumQuantity { get; set; } = 10_000;

    public decimal? MonthlyP1M { get; set; }

    public decimal? MonthlyP1Y { get; set; }

    public decimal? AnnualP1Y { get; set; }

    public decimal? MonthlyP3Y { get; set; }

    public decimal? AnnualP3Y { get; set; }

    public decimal? TriennialP3Y { get; set; }

    /// <summary>The price inputs in the order of <see cref="AddOfferCommand.TermCycles"/>.</summary>
    public static readonly IReadOnlyList<string> PriceFields =
        [nameof(MonthlyP1M), nameof(MonthlyP1Y), nameof(AnnualP1Y), nameof(MonthlyP3Y), nameof(AnnualP3Y), nameof(TriennialP3Y)];

    private IReadOnlyList<decimal?> PriceValues => [MonthlyP1M, MonthlyP1Y, AnnualP1Y, MonthlyP3Y, AnnualP3Y, TriennialP3Y];

    /// <summary>The input of the <paramref name="index"/>-th price the command was given (only filled inputs become prices).</summary>
    public string? PriceFieldOf(int index)
    {
        var filled = PriceFields.Where((_, i) => PriceValues[i] is not null).ToList();
        return index >= 0 && index < filled.Count ? "Form." + filled[index] : null;
    }

    public AddOfferCommand ToCommand()
    {
        var prices = new List<NewOfferPrice>();
        for (var i = 0; i < AddOfferCommand.TermCycles.Count; i++)
        {
            if (PriceValues[i] is { } price)
            {
                prices.Add(new NewOfferPrice(AddOfferCommand.TermCycles[i].Term, AddOfferCommand.TermCycles[i].Cycle, price));
            }
        }

        return new(
            Id?.Trim() ?? string.Empty,
            Name ?? string.Empty,
            ProductFamily ?? string.Empty,
            Segment ?? string.Empty,
            Country?.Trim().ToUpperInvariant() ?? string.Empty,
            MinimumQuantity ?? 0,
            MaximumQuantity ?? 0,
            prices);
    }
}
