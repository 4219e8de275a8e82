using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The Customers page: search by the start of the name or domain, filter by reseller and special qualification,
/// keyset paging. A reseller user sees only its organisation's customers (R-CUS-3).
/// </summary>
[Authorize(Policy = CustomersPolicies.CanWorkWithCustomers)]
internal sealed class CustomersPageModel(IMediator mediator, ITenantContextAccessor tenants, CustomerScope scope) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<CustomerRow> Items { get; private set; } = [];

    /// <summary>Reseller names for the rows and the filter: the tenant's active partnerships (one query).</summary>
    public IReadOnlyDictionary<Guid, string> Resellers { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Qualification { get; set; }

    public string? NextAfter { get; private set; }

    public bool IsProvider => !scope.IsReseller;

    public async Task OnGetAsync(string? after, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var partnerships = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, 200), cancellationToken);
        Resellers = partnerships.ToDictionary(p => p.ResellerOrganisationId, p => p.ResellerName);
        var qualification = Qualification is "GovernmentCommunityCloud" or "None" ? Qualification : null;
        var rows = await Mediator.Send(
            new ListCustomersQuery(tenant.Id, Q, scope.IsReseller ? null : Reseller, qualification, Cursor(after), PageSize + 1),
            cancellationToken);
        Items = [.. rows.Take(PageSize)];
        if (rows.Count > PageSize)
        {
            NextAfter = Items[^1].CustomerTenantId + "|" + Items[^1].SortName;
        }
    }

    private static CustomerCursor? Cursor(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return null;
        }

        var bar = after.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Guid.TryParse(after[..bar], out var id) ? new CustomerCursor(after[(bar + 1)..], id) : null;
    }
}
