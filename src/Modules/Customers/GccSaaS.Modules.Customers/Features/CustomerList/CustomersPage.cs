using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The Customers page: search by any word of the name or the start of the domain, filter by reseller and special qualification,
/// sort by name or by when the customer was added, keyset paging forwards and back. A reseller user sees only its organisation's customers (R-CUS-3).
/// </summary>
[NavigationLink("customers", "/{tenant}/customers", "Nav_Customers", 40, Group = PortalGroup.Customers)]
[Authorize(Policy = CustomersPolicies.CanWorkWithCustomers)]
internal sealed class CustomersPageModel(IMediator mediator, ITenantContextAccessor tenants, CustomerScope scope) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    /// <summary>The most resellers the filter lists (besides the one filtered by).</summary>
    public const int MaxResellerChoices = 200;

    public IReadOnlyList<CustomerRow> Items { get; private set; } = [];

    /// <summary>The reseller filter's choices: the tenant's active partnerships, by name.</summary>
    public IReadOnlyDictionary<Guid, string> ResellerChoices { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The names of the resellers the page's rows are assigned to (active partnerships only).</summary>
    public IReadOnlyDictionary<Guid, string> Resellers { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Qualification { get; set; }

    /// <summary>The list's sort, page size and pages (by name or by when a customer was added, keyset paged).</summary>
    public IPortalList? List { get; private set; }

    public bool IsProvider => !scope.IsReseller;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<CustomerCursor>(HttpContext, CustomerSorts.All, PageSize, out var list))
        {
            return BadRequest();
        }

        List = list;
        var tenant = tenants.RequireTenant();
        if (IsProvider)
        {
            ResellerChoices = await ResellerChoicesAsync(tenant.Id, cancellationToken);
        }

        var qualification = Qualification is "GovernmentCommunityCloud" or "None" ? Qualification : null;
        var rows = await Mediator.Send(
            new ListCustomersQuery(tenant.Id, Q, scope.IsReseller ? null : Reseller, qualification, list.Seek, list.Take,
                Sort: list.SortKey, Descending: list.ReadDescending),
            cancellationToken);
        Items = list.Page(rows, r => new CustomerCursor(r.SortName, r.CustomerTenantId, r.CreatedAt));
        Resellers = await ResellerNames.OfAsync(Mediator, tenant.Id, Items.Select(r => r.ResellerOrganisationId), cancellationToken);
        return Page();
    }

    /// <summary>
    /// The reseller filter's choices (provider users only): the first <see cref="MaxResellerChoices"/> active partnerships
    /// by name, and the reseller filtered by when it is not among them (a tenant with thousands of resellers reaches one
    /// from the Indirect resellers page, whose customer counts link here filtered).
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, string>> ResellerChoicesAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var partnerships = await Mediator.Send(new SearchActivePartnershipsQuery(tenantId, null, MaxResellerChoices), cancellationToken);
        var choices = partnerships.ToDictionary(p => p.ResellerOrganisationId, p => p.ResellerName);
        if (Reseller is { } filtered && !choices.ContainsKey(filtered))
        {
            foreach (var (id, name) in await ResellerNames.OfAsync(Mediator, tenantId, [filtered], cancellationToken))
            {
                choices[id] = name;
            }
        }

        return choices;
    }
}
