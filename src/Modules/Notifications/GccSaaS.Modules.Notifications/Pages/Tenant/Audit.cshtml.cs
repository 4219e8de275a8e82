using System.Globalization;
using GccSaaS.Modules.Notifications.Features;
using GccSaaS.Modules.Notifications.Features.AuditLog;
using GccSaaS.Modules.Notifications.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Notifications.Pages.Tenant;

/// <summary>
/// The tenant's audit log: filter by user, action and UTC days; newest first or oldest first (<c>?sort=when</c>),
/// 25/50/100 rows a page, keyset pages forwards and back (the one <see cref="PortalList"/>).
/// </summary>
[NavigationLink("audit", "/{tenant}/audit", "Nav_Audit", 110, Group = PortalGroup.Settings, TextResource = typeof(AuditResource))]
[Authorize(Policy = NotificationsPolicies.CanReadAuditLog)]
internal sealed class AuditModel(IMediator mediator, AuditActionNames names) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The one order the log offers (ix on tenant, time and id), newest first unless asked.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["when"];

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>The tenant of the route, for the page's links.</summary>
    public string TenantIdentifier { get; private set; } = string.Empty;

    public IReadOnlyList<AuditItem> Items { get; private set; } = [];

    /// <summary>The actions to filter by, in the user's words.</summary>
    public IReadOnlyList<AuditActionChoice> Actions { get; private set; } = [];

    /// <summary>What an entry's action and area mean, in the user's words.</summary>
    public AuditActionNames Names => names;

    /// <summary>The list's sort (newest or oldest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>True when a date filter could not be read (a browser without a date picker).</summary>
    public bool HasInvalidDate { get; private set; }

    public bool HasReversedRange { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.GetTenant() is not { } tenant)
        {
            return NotFound();
        }

        if (!PortalList.TryRead<PageCursor>(HttpContext, Sorts, PageSize, out var list, defaultSort: "-when"))
        {
            return BadRequest();
        }

        TenantIdentifier = tenant.Identifier;
        HasInvalidDate = !IsDayOrEmpty(From) || !IsDayOrEmpty(To);
        var filter = AuditEndpoints.PortalFilter(UserFilter, ActionFilter, From, To);
        HasReversedRange = filter.From is { } f && filter.Until is { } u && f >= u;
        // The query reads one row more than the page (list.Take) so that the pager offers a next page only when it exists.
        var page = await mediator.Send(new GetAuditEntriesQuery(filter, list.Take, list.Seek, Ascending: !list.ReadDescending), cancellationToken);
        Items = list.Page(page.Items, e => new PageCursor(e.OccurredAt, e.Id));
        List = list;
        Actions = names.Choices();
        return Page();
    }

    /// <summary>The current filters as a query string (the export's).</summary>
    public string Query()
    {
        var values = new Dictionary<string, string?>
        {
            ["user"] = UserFilter,
            ["action"] = ActionFilter,
            ["from"] = From,
            ["to"] = To,
            ["sort"] = Request.Query["sort"].ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(string.Empty, values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }

    private static bool IsDayOrEmpty(string? text) =>
        string.IsNullOrWhiteSpace(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
