using MimeKit;

namespace GccSaaS.BuildingBlocks.Notifications;

/// <summary>
/// Whether a text is one bare email address (<c>name@domain</c>, no display name or comment) that the mailer can
/// send to: parsed by MimeKit, the library the shell mails with, so what a form accepts is what SMTP gets.
/// </summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321's limits (64 + 1 + 255), rounded as the forms have always used.</summary>
    public const int MaxLength = 320;

    private static readonly ParserOptions Strict = new() { AllowAddressesWithoutDomain = false };

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        var trimmed = value.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal)
            && MailboxAddress.TryParse(Strict, trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal);
    }
}
