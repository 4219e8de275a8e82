using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GccSaaS.Host.Identity;

/// <summary>One-time values (invitation tokens, API keys): 256-bit random, stored only as SHA-256 hashes.</summary>
internal static class Secrets
{
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>API keys start with this, so they are easy to recognise in a leaked file.</summary>
    public const string ApiKeyMarker = "gcc_";

    public const int ApiKeyPrefixLength = 12;

    /// <summary>A URL-safe 256-bit token.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>A new API key <c>gcc_{prefix}_{secret}</c>: the prefix finds the key, the secret proves it.</summary>
    public static (string Key, string Prefix) NewApiKey()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, ApiKeyPrefixLength);
        return ($"{ApiKeyMarker}{prefix}_{NewToken()}", prefix);
    }

    /// <summary>The public prefix of a presented API key, or null when it is not shaped like one.</summary>
    public static string? ApiKeyPrefixOf(string presented)
    {
        if (presented.Length < ApiKeyMarker.Length + ApiKeyPrefixLength + 2
            || !presented.StartsWith(ApiKeyMarker, StringComparison.Ordinal)
            || presented[ApiKeyMarker.Length + ApiKeyPrefixLength] != '_')
        {
            return null;
        }

        var prefix = presented.Substring(ApiKeyMarker.Length, ApiKeyPrefixLength);
        return prefix.All(PrefixAlphabet.Contains) ? prefix : null;
    }

    public static bool Matches(byte[] storedHash, string presented) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(presented));
}
