using System.Globalization;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Notifications.Features;
using GccSaaS.Modules.Notifications.Features.AuditLog;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Notifications.Pages.Tenant;

/// <summary>The tenant's audit log: filter by user, action and UTC days, newest first, keyset pages.</summary>
[Authorize(Policy = NotificationsPolicies.CanReadAuditLog)]
internal sealed class AuditModel(IMediator mediator, ContinuationTokens tokens, AuditActionNames names) : PageModel
{
    public const int PageSize = 50;
    private const string CursorResource = "portal-audit";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    /// <summary>The tenant of the route, for the page's links.</summary>
    public string TenantIdentifier { get; private set; } = string.Empty;

    public IReadOnlyList<AuditItem> Items { get; private set; } = [];

    /// <summary>The actions to filter by, in the user's words.</summary>
    public IReadOnlyList<AuditActionChoice> Actions { get; private set; } = [];

    /// <summary>What an entry's action and area mean, in the user's words.</summary>
    public AuditActionNames Names => names;

    public string? NextCursor { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    /// <summary>True when a date filter could not be read (a browser without a date picker).</summary>
    public bool HasInvalidDate { get; private set; }

    public bool HasReversedRange { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.GetTenant() is not { } tenant)
        {
            return NotFound();
        }

        TenantIdentifier = tenant.Identifier;
        HasInvalidDate = !IsDayOrEmpty(From) || !IsDayOrEmpty(To);
        var filter = AuditEndpoints.PortalFilter(UserFilter, ActionFilter, From, To);
        HasReversedRange = filter.From is { } f && filter.Until is { } u && f >= u;
        var cursor = tokens.TryUnprotectCursor(CursorResource, After);
        IsFirstPage = cursor is null;
        var page = await mediator.Send(new GetAuditEntriesQuery(filter, PageSize, cursor), cancellationToken);
        Items = page.Items;
        Actions = names.Choices();
        NextCursor = page.Next is { } next ? tokens.ProtectCursor(CursorResource, next) : null;
        return Page();
    }

    /// <summary>The current filters as a query string, with a page cursor when given.</summary>
    public string Query(string? after = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["user"] = UserFilter,
            ["action"] = ActionFilter,
            ["from"] = From,
            ["to"] = To,
            ["after"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(string.Empty, values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }

    private static bool IsDayOrEmpty(string? text) =>
        string.IsNullOrWhiteSpace(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
