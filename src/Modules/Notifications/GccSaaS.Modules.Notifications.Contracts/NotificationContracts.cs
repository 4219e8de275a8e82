using MediatR;

namespace GccSaaS.Modules.Notifications.Contracts;

/// <summary>
/// The one contract every module notifies users through: enqueue it in the module's outbox
/// (<c>ModuleDbContext.EnqueueNotification</c>) with the state change that causes it. The Notifications module
/// delivers it in-app and, when SMTP is configured and <see cref="SendEmail"/> is set, by email; its inbox makes
/// delivery happen once. Address one user (<see cref="RecipientUserId"/>) or every member of the tenant
/// holding <see cref="RecipientRole"/>; <see cref="RecipientEmail"/> reaches someone without an account
/// (a customer contact). <see cref="Culture"/> names the language <see cref="Subject"/> and <see cref="Body"/> are
/// written in: the sender composes them in the recipient's language with its own resources (e.g. <c>de</c>);
/// mails carry it as <c>Content-Language</c>. <see cref="Translations"/> (e.g. from
/// <c>CultureScope.InEveryLanguage</c>) carry the same notification in the portal's other languages: the notification
/// centre shows each reader the one of their language, and the subject and body where none matches.
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
    string? Culture = null,
    IReadOnlyList<NotificationTranslation>? Translations = null) : INotification;

/// <summary>A notification's subject and body in one language (<see cref="Culture"/>: <c>en</c>, <c>de</c>, <c>fr</c>, <c>es</c>).</summary>
public sealed record NotificationTranslation(string Culture, string Subject, string Body);

/// <summary>
/// Notifies a user now, for a caller without an outbox of its own (the host's demo seed): the Notifications module
/// writes <see cref="UserNotificationRequested"/> to its own outbox in this command's transaction, then delivers it
/// like any module's. Texts are written in <see cref="Culture"/> by the sender.
/// </summary>
public sealed record SendUserNotificationCommand(
    Guid TenantId,
    string Kind,
    string Subject,
    string Body,
    Guid? RecipientUserId = null,
    string? RecipientRole = null,
    string? RecipientEmail = null,
    string? LinkUrl = null,
    bool SendEmail = false,
    string? Culture = null,
    IReadOnlyList<NotificationTranslation>? Translations = null) : IRequest<Unit>;

/// <summary>
/// Mails a portal user the link that resets a forgotten password (issue 18), now, straight through SMTP: never through
/// the outbox, so the link's <see cref="Token"/> is stored nowhere but in the mail (the audit log redacts it by its name).
/// The link is <see cref="ResetPath"/> on the portal's public address with <c>?token=</c>; the text is written in
/// <see cref="Culture"/> and says the link works once, for <see cref="ValidMinutes"/> minutes. Answers whether the mail
/// left (false when SMTP is not configured or refused it; the caller's answer stays the same either way).
/// </summary>
public sealed record SendPasswordResetMailCommand(
    string Email,
    string DisplayName,
    string ResetPath,
    string Token,
    int ValidMinutes,
    string? Culture = null) : IRequest<bool>;
