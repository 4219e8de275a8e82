using System.Globalization;
using System.Text;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace GccSaaS.Modules.Notifications.Email;

/// <summary>How the connection to the SMTP server is secured (<c>Smtp:Security</c>).</summary>
internal enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465, else STARTTLS when the server offers it (MailKit's choice).</summary>
    Auto,

    /// <summary>STARTTLS, required: a server that does not offer it is refused (no silent plain text).</summary>
    StartTls,

    /// <summary>Plain text, e.g. a relay or a development inbox on loopback.</summary>
    None,
}

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

    /// <summary>The sender, an address or <c>Name &lt;address&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary><c>Auto</c> (default), <c>StartTls</c> or <c>None</c>.</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>The earlier switch (System.Net.Mail's STARTTLS): when <see cref="Security"/> is not set, true means <see cref="SmtpSecurity.StartTls"/>.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Authenticates when set (with <see cref="Password"/>); otherwise the server is used without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP exchange may take before it counts as failed (and is retried through the outbox).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public SmtpSecurity EffectiveSecurity => Security ?? (EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.Auto);
}

/// <summary>One plain-text mail; <see cref="Language"/> is the culture its text is written in, when known.</summary>
internal sealed record EmailMessage(string To, string Subject, string Body, string? Language = null);

internal interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Sends through SMTP with MailKit (System.Net.Mail's SmtpClient is not recommended for new development by its own
/// documentation, ADR 0007): one connection per mail, secured as <see cref="SmtpOptions.EffectiveSecurity"/> says,
/// authenticated when a user name is set, bounded by <see cref="SmtpOptions.TimeoutSeconds"/> and the caller's
/// cancellation. A failure throws, so the outbox keeps the mail for a retry.
/// </summary>
internal sealed class SmtpEmailSender(IOptionsMonitor<SmtpOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.CurrentValue;
        if (!smtp.IsConfigured || smtp.Host is not { } host || smtp.From is not { } from)
        {
            throw new InvalidOperationException("SMTP is not configured (Smtp:Host and Smtp:From).");
        }

        using var mail = Compose(message, from, clock.GetUtcNow());
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds)).TotalMilliseconds };
        await client.ConnectAsync(host, smtp.Port, SocketOptions(smtp.EffectiveSecurity), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>From, To, Subject, Date and a UTF-8 plain-text body, with <c>Content-Language</c> when the language is known.</summary>
    internal static MimeMessage Compose(EmailMessage message, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.Body);
        if (LanguageTag(message.Language) is { } language)
        {
            body.Headers.Add(HeaderId.ContentLanguage, language);
        }

        var mail = new MimeMessage { Subject = message.Subject, Date = date, Body = body };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(message.To));
        return mail;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>An RFC 5646 tag (<c>de</c>, <c>en-US</c>) of a culture .NET knows; anything else is left out.</summary>
    private static string? LanguageTag(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        try
        {
            var info = CultureInfo.GetCultureInfo(culture.Trim(), predefinedOnly: true);
            return string.IsNullOrEmpty(info.Name) ? null : info.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
