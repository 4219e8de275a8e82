using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Integrations;

/// <summary>
/// Writes the notification to this module's outbox in the command's transaction; the transaction behaviour
/// dispatches it after commit to <see cref="DeliverUserNotification"/>, the same path every module's notifications take
/// (in-app rows, then one email per address, each retried from the outbox).
/// </summary>
internal sealed class SendUserNotificationHandler(NotificationsDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<SendUserNotificationCommand, Unit>
{
    public async Task<Unit> Handle(SendUserNotificationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new DomainRuleException(NotificationsErrorCodes.TenantMismatch, "The notification names another tenant than the one it is sent in.", DomainErrorKind.RuleViolated);
        }

        db.EnqueueNotification(
            new UserNotificationRequested(
                request.TenantId,
                request.Kind,
                request.Subject,
                request.Body,
                request.RecipientUserId,
                request.RecipientRole,
                request.RecipientEmail,
                request.LinkUrl,
                request.SendEmail,
                request.Culture,
                request.Translations),
            clock);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
