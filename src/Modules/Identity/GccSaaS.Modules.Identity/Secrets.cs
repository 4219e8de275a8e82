using System.Security.Cryptography;

namespace GccSaaS.Modules.Identity;

/// <summary>API keys: a findable prefix and a <see cref="LinkTokens"/> secret, stored only as its SHA-256 hash.</summary>
internal static class Secrets
{
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>API keys start with this, so they are easy to recognise in a leaked file.</summary>
    public const string ApiKeyMarker = "gcc_";

    /// <summary>Platform API keys start with this instead: they are never taken for a tenant's key.</summary>
    public const string PlatformApiKeyMarker = "gccp_";

    public const int ApiKeyPrefixLength = 12;

    /// <summary>A new API key <c>gcc_{prefix}_{secret}</c>: the prefix finds the key, the secret proves it.</summary>
    public static (string Key, string Prefix) NewApiKey() => NewKey(ApiKeyMarker);

    /// <summary>A new platform API key <c>gccp_{prefix}_{secret}</c>.</summary>
    public static (string Key, string Prefix) NewPlatformApiKey() => NewKey(PlatformApiKeyMarker);

    /// <summary>The public prefix of a presented tenant API key, or null when it is not shaped like one.</summary>
    public static string? ApiKeyPrefixOf(string presented) => PrefixOf(presented, ApiKeyMarker);

    /// <summary>The public prefix of a presented platform API key, or null when it is not shaped like one.</summary>
    public static string? PlatformApiKeyPrefixOf(string presented) => PrefixOf(presented, PlatformApiKeyMarker);

    private static (string Key, string Prefix) NewKey(string marker)
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, ApiKeyPrefixLength);
        return ($"{marker}{prefix}_{LinkTokens.NewToken()}", prefix);
    }

    private static string? PrefixOf(string presented, string marker)
    {
        if (presented.Length < marker.Length + ApiKeyPrefixLength + 2
            || !presented.StartsWith(marker, StringComparison.Ordinal)
            || presented[marker.Length + ApiKeyPrefixLength] != '_')
        {
            return null;
        }

        var prefix = presented.Substring(marker.Length, ApiKeyPrefixLength);
        return prefix.All(PrefixAlphabet.Contains) ? prefix : null;
    }
}
