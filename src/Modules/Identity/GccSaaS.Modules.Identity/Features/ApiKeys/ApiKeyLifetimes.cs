namespace GccSaaS.Modules.Identity.Features.ApiKeys;

/// <summary>
/// How long a new API key is valid (issue 18): one year by default, or a shorter choice made at creation. A rotation
/// gives the new key the same lifetime from the moment of rotation.
/// </summary>
internal static class ApiKeyLifetimes
{
    public const int DefaultDays = 365;

    public const int MaxDays = 365;

    /// <summary>The choices the portal offers, in days.</summary>
    public static readonly IReadOnlyList<int> Choices = [30, 90, 180, 365];

    public static bool IsValid(int days) => days is >= 1 and <= MaxDays;

    /// <summary>The lifetime of an existing key (rounded to whole days, at least one), for its replacement.</summary>
    public static TimeSpan LifetimeOf(DateTimeOffset createdAt, DateTimeOffset expiresAt) =>
        TimeSpan.FromDays(Math.Clamp(Math.Round((expiresAt - createdAt).TotalDays), 1, MaxDays));
}
