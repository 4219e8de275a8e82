using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>
/// Standard Webhooks signing: a secret is <c>whsec_</c> and the base64 of 32 random bytes; a signature is
/// <c>v1,</c> and the base64 of HMAC-SHA256, keyed with those bytes, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// Secrets are stored as Data Protection payloads, never in clear.
/// </summary>
internal sealed class WebhookSigning(IDataProtectionProvider protection)
{
    public const string SecretPrefix = "whsec_";

    private IDataProtector Protector => protection.CreateProtector("GccSaaS.Notifications.WebhookSecret.v1");

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => Protector.Protect(secret);

    public string Unprotect(string protectedSecret) => Protector.Unprotect(protectedSecret);

    /// <summary>One <c>v1,…</c> signature of the message with the secret.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per valid secret, space-separated (a rotation's 24 hours).</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}
