using GccSaaS.Modules.Notifications.Features;
using GccSaaS.Modules.Notifications.Features.NotificationCentre;
using GccSaaS.Modules.Notifications.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Notifications.Pages.Tenant;

/// <summary>The notification centre: the signed-in user's own notifications in this tenant, newest first.</summary>
[NavigationLink("notifications", "/{tenant}/notifications", "Nav_Notifications", 120)]
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
internal sealed class NotificationsModel(IMediator mediator, ContinuationTokens tokens, IStringLocalizer<NotificationsResource> text) : PageModel
{
    public const int PageSize = 25;
    private const string CursorResource = "portal-notifications";

    /// <summary>The tenant of the route, for the page's links.</summary>
    public string TenantIdentifier { get; private set; } = string.Empty;

    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];

    /// <summary>The cursor of the next (older) page, if there is one.</summary>
    public string? NextCursor { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    [TempData]
    public string? Status { get; set; }

    [TempData]
    public bool StatusIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(string? after, CancellationToken cancellationToken)
    {
        if (HttpContext.GetTenant() is not { } tenant || NotificationsEndpoints.CurrentUserOf(HttpContext) is not { } user)
        {
            return NotFound();
        }

        TenantIdentifier = tenant.Identifier;

        var cursor = tokens.TryUnprotectCursor(CursorResource, after);
        IsFirstPage = cursor is null;
        var page = await mediator.Send(new GetNotificationsQuery(user.UserId, PageSize, cursor), cancellationToken);
        Items = page.Items;
        NextCursor = page.Next is { } next ? tokens.ProtectCursor(CursorResource, next) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, string? after, CancellationToken cancellationToken)
    {
        if (NotificationsEndpoints.CurrentUserOf(HttpContext) is not { } user)
        {
            return NotFound();
        }

        try
        {
            await mediator.Send(new MarkNotificationReadCommand(user.UserId, id), cancellationToken);
            Status = text["MarkedRead"].Value;
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            Status = text["NotificationNotFound"].Value;
            StatusIsError = true;
        }

        return RedirectToPage(new { after });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        if (NotificationsEndpoints.CurrentUserOf(HttpContext) is not { } user)
        {
            return NotFound();
        }

        var changed = await mediator.Send(new MarkAllNotificationsReadCommand(user.UserId), cancellationToken);
        Status = text["MarkedAllRead", changed].Value;
        return RedirectToPage();
    }
}
