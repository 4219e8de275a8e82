using GccSaaS.Modules.Notifications.Resources;

namespace GccSaaS.Modules.Notifications.Features.NotificationCentre;

/// <summary>The dashboard's unread-notification figure for the signed-in user in the current tenant.</summary>
internal sealed class UnreadNotificationsFigure(
    IHttpContextAccessor http,
    IMediator mediator,
    IStringLocalizer<NotificationsResource> text) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (http.HttpContext is not { } context
            || context.GetTenant() is not { } tenant
            || NotificationsEndpoints.CurrentUserOf(context) is not { } user)
        {
            return [];
        }

        var unread = await mediator.Send(new CountUnreadNotificationsQuery(user.UserId), cancellationToken);
        return [new DashboardFigure("notifications.unread", text["UnreadFigure"].Value, unread, $"/{tenant.Identifier}/notifications", 90)];
    }
}
