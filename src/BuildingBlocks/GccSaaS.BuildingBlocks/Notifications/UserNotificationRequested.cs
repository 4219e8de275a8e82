using MediatR;

namespace GccSaaS.BuildingBlocks.Notifications;

/// <summary>
/// The one contract every module sends user notifications through: enqueue it in the module's outbox
/// (<c>ModuleDbContext.EnqueueNotification</c>) with the state change that causes it. The shell delivers
/// it in-app and, when SMTP is configured and <see cref="SendEmail"/> is set, by email; its inbox makes
/// delivery happen once. Address one user (<see cref="RecipientUserId"/>) or every member of the tenant
/// holding <see cref="RecipientRole"/>; <see cref="RecipientEmail"/> reaches someone without an account
/// (a customer contact). <see cref="Culture"/> names the language <see cref="Subject"/> and <see cref="Body"/> are
/// written in, when the sender composed them for the recipient's language (e.g. <c>de</c>); mails carry it as
/// <c>Content-Language</c>.
/// </summary>
public sealed record UserNotificationRequested(
    Guid TenantId,
    string Kind,
    string Subject,
    string Body,
    Guid? RecipientUserId = null,
    string? RecipientRole = null,
    string? RecipientEmail = null,
    string? LinkUrl = null,
    bool SendEmail = false,
    string? Culture = null) : INotification;
