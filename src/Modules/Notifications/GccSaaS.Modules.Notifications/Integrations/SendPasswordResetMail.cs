using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Email;
using GccSaaS.Modules.Notifications.Resources;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Notifications.Integrations;

/// <summary>
/// Sends the password reset mail at once through <see cref="IEmailSender"/> (issue 18). Not through the outbox: a reset
/// token must not rest in a table, and a link that arrives after its 30 minutes is of no use, so there is nothing to
/// retry; the user asks again. A failure is logged by address and kind, never with the link.
/// </summary>
internal sealed partial class SendPasswordResetMailHandler(
    IEmailSender sender,
    IOptionsMonitor<SmtpOptions> smtp,
    PublicLinks links,
    IStringLocalizer<NotificationsResource> l,
    ILogger<SendPasswordResetMailHandler> logger)
    : IRequestHandler<SendPasswordResetMailCommand, bool>
{
    public async Task<bool> Handle(SendPasswordResetMailCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!smtp.CurrentValue.IsConfigured)
        {
            LogNotConfigured(logger, request.Email);
            return false;
        }

        if (!PublicLinks.IsLocalPath(request.ResetPath) || request.ResetPath.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException("The reset path must be a local path without a query.", nameof(request));
        }

        var link = links.Absolute(request.ResetPath + "?token=" + Uri.EscapeDataString(request.Token));
        EmailMessage message;
        using (var culture = new CultureScope(request.Culture))
        {
            message = new EmailMessage(
                request.Email,
                l["PasswordResetMail_Subject"],
                l["PasswordResetMail_Body", request.DisplayName, link, request.ValidMinutes],
                culture.Name);
        }

        try
        {
            await sender.SendAsync(message, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's text is not logged: an SMTP server's answer may quote what it was given.
            LogNotSent(logger, request.Email, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP is not configured; the password reset mail to {To} is not sent")]
    private static partial void LogNotConfigured(ILogger logger, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The password reset mail to {To} was not sent ({Failure}); the user can ask again")]
    private static partial void LogNotSent(ILogger logger, string to, string failure);
}
