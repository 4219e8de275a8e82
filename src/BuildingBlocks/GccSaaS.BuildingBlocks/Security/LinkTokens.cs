using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// The one codec for secrets that travel in links or keys (invitation links of every kind, API keys): 256-bit
/// random from <see cref="RandomNumberGenerator"/>, URL-safe base64 (43 characters), stored only as a SHA-256 hash
/// and compared in constant time (ARCHITECTURE.md "Secrets").
/// </summary>
public static class LinkTokens
{
    /// <summary>A token is 43 URL-safe characters; anything longer cannot match and is not worth a query.</summary>
    public const int MaxLength = 64;

    /// <summary>A new URL-safe 256-bit token.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 hash the database keeps instead of the token.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Whether a presented value could be a token at all (before any query).</summary>
    public static bool LooksLikeToken([NotNullWhen(true)] string? token) => !string.IsNullOrEmpty(token) && token.Length <= MaxLength;

    /// <summary>Whether the presented value hashes to the stored hash, in constant time.</summary>
    public static bool Matches(byte[] storedHash, string presented)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(storedHash, Hash(presented));
    }
}
