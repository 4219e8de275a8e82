using System.Globalization;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Resources;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>
/// "Partners with access" (R-CUS-3, R-CUS-6, R-REL-3): the provider and resellers holding delegated admin rights and
/// since when; a reseller whose partnership ended is marked so; the administrator removes a partner's rights (after a
/// confirmation) or narrows a reseller's permissions, widens them back up to the default, and sets an end date.
/// </summary>
[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerPartnersPageModel(
    IMediator mediator,
    CustomerWorkspaceSession session,
    CustomerPartnerAccess access,
    ITenantContextAccessor tenants,
    IStringLocalizer<CustomersResource> l)
    : CustomerWorkspacePageModel(mediator, session)
{
    [BindProperty]
    public Guid Provider { get; set; }

    [BindProperty]
    public Guid? Reseller { get; set; }

    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    [BindProperty]
    public DateOnly? EndsOn { get; set; }

    public IReadOnlyList<PartnerAccessLine> Partners { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => InWorkspaceAsync(async () =>
    {
        Partners = await access.ListAsync(Customer.Id, HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostRemoveAsync() => InWorkspaceAsync(() => ActAsync(
        "Workspace_RightsRemovedStatus",
        line => new RemoveDelegatedAdminRightsCommand(line.ProviderTenantId, Customer.Id, line.GranteeKind, line.ResellerOrganisationId, line.PartnerName, Customer.UserName)));

    public Task<IActionResult> OnPostPermissionsAsync() => InWorkspaceAsync(() => ActAsync(
        "Workspace_PermissionsChangedStatus",
        line => new SetResellerPermissionsCommand(
            line.ProviderTenantId,
            Customer.Id,
            line.ResellerOrganisationId ?? Guid.Empty,
            Permissions,
            EndsOn is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            line.PartnerName,
            Customer.UserName)));

    private async Task<IActionResult> ActAsync(string statusKey, Func<PartnerAccessLine, IRequest<Unit>> command)
    {
        var cancellation = HttpContext.RequestAborted;
        Partners = await access.ListAsync(Customer.Id, cancellation);
        var kind = Reseller is null ? GranteeKinds.Provider : GranteeKinds.Reseller;
        var line = Partners.FirstOrDefault(p => p.ProviderTenantId == Provider && p.GranteeKind == kind && p.ResellerOrganisationId == Reseller);
        if (line is null || await access.ProviderAsync(Customer.Id, Provider, cancellation) is not { } provider)
        {
            return NotFound();
        }

        bool succeeded;
        using (tenants.BeginScope(provider))
        {
            (succeeded, _) = await TrySendAsync(command(line));
        }

        if (succeeded)
        {
            StatusForNextPage = l[statusKey, line.PartnerName].Value;
            return RedirectToPage();
        }

        Partners = await access.ListAsync(Customer.Id, cancellation);
        return Page();
    }

    public string PermissionText(string permission) => l["Permission_" + permission];

    public static string Date(DateTimeOffset at) => at.ToString("d", CultureInfo.CurrentCulture);
}

internal sealed record ActivityLine(DateTimeOffset At, string Action, string Detail, string Actor);

/// <summary>The customer's own activity list: grants changed or removed, users added, licenses assigned (newest first, bounded).</summary>
[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerActivityPageModel(IMediator mediator, CustomerWorkspaceSession session, CustomersDbContext db)
    : CustomerWorkspacePageModel(mediator, session)
{
    public const int PageSize = 100;

    public IReadOnlyList<ActivityLine> Lines { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => InWorkspaceAsync(async () =>
    {
        Lines = await db.CustomerActivities.AsNoTracking()
            .Where(a => a.TenantId == Customer.Id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(PageSize)
            .Select(a => new ActivityLine(a.At, a.Action, a.Detail, a.Actor))
            .ToListAsync(HttpContext.RequestAborted);
        return Page();
    });
}
