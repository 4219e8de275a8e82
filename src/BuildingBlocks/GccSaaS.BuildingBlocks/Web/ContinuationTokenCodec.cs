using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// Turns the last keyset values of a page into an opaque continuation token and back. Tokens are
/// encrypted and authenticated with ASP.NET Core Data Protection under a purpose that includes the
/// list's scope (tenant, path, filter), so a token cannot be read, altered, or replayed against another
/// tenant, list or filter: every such attempt simply fails to decode. Tokens do not expire; a keyset
/// position stays meaningful.
/// </summary>
public sealed class ContinuationTokenCodec(IDataProtectionProvider dataProtection)
{
    /// <summary>Longer input is refused before any decoding is attempted.</summary>
    public const int MaxTokenLength = 2048;

    private const string Purpose = "GccSaaS.BuildingBlocks.Web.ContinuationToken.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Encode<TKey>(string scope, TKey key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(scope);
        var payload = JsonSerializer.SerializeToUtf8Bytes(key, Json);
        return WebEncoders.Base64UrlEncode(Protector(scope).Protect(payload));
    }

    /// <summary>The key a token carries, if the token is intact and was made for this scope.</summary>
    public bool TryDecode<TKey>(string scope, string? token, [NotNullWhen(true)] out TKey? key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(scope);
        key = default;
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return false;
        }

        try
        {
            var payload = Protector(scope).Unprotect(WebEncoders.Base64UrlDecode(token));
            key = JsonSerializer.Deserialize<TKey>(payload, Json);
            return key is not null;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException or NotSupportedException)
        {
            return false;
        }
    }

    private IDataProtector Protector(string scope) => dataProtection.CreateProtector(Purpose, scope);
}
