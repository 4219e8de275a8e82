using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace GccSaaS.Host.Shell.Notifications;

/// <summary>
/// The email channel (<c>Smtp</c> section). Email is sent only when <see cref="Host"/> and
/// <see cref="From"/> are set; without them notifications stay in-app. Links in mails are made absolute with
/// <c>Portal:PublicBaseUrl</c> (the earlier <c>Smtp:PortalBaseUrl</c> is still read when it is not set).
/// </summary>
internal sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? From { get; set; }

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP exchange may take before it counts as failed (and is retried through the outbox).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

internal sealed record EmailMessage(string To, string Subject, string Body);

internal interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends through SMTP with System.Net.Mail (MailKit does not restore here, see PACKAGES.md).</summary>
internal sealed class SmtpEmailSender(IOptionsMonitor<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.CurrentValue;
        if (!smtp.IsConfigured)
        {
            throw new InvalidOperationException("SMTP is not configured (Smtp:Host and Smtp:From).");
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = smtp.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var mail = new MailMessage(smtp.From!, message.To)
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        await client.SendMailAsync(mail, cancellationToken);
    }
}
