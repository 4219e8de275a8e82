namespace GccSaaS.Modules.Relationships.Domain;

/// <summary>
/// R-REL-3: the attestation a tenant admin gives when removing a partnership. The text itself is localised
/// (resource key <see cref="TextKey"/>); the version names the wording, so a record says what was attested.
/// </summary>
internal static class RemovalAttestation
{
    public const string Version = "2026-11";

    public const string TextKey = "Attestation_2026_11";
}

/// <summary>Partner Center's partner relationship types (SDK <c>PartnerRelationshipType</c>).</summary>
internal static class RelationshipTypes
{
    /// <summary>The provider's view: its indirect resellers.</summary>
    public const string IsIndirectCloudSolutionProviderOf = "IsIndirectCloudSolutionProviderOf";

    /// <summary>A reseller's view: its indirect providers.</summary>
    public const string IsIndirectResellerOf = "IsIndirectResellerOf";
}

/// <summary>R-REL-7: per-tenant invitation life and reminder points, with their defaults and bounds.</summary>
internal sealed record InvitationPolicy(int LifetimeDays, IReadOnlyList<int> ReminderDaysBefore)
{
    public static readonly InvitationPolicy Default = new(30, [7, 1]);

    public const int MaxLifetimeDays = 90;

    /// <summary>A lifetime of 1..90 days; up to three distinct reminder points, each before expiry (1..lifetime-1 days).</summary>
    public bool IsValid =>
        LifetimeDays is >= 1 and <= MaxLifetimeDays
        && ReminderDaysBefore.Count <= 3
        && ReminderDaysBefore.Distinct().Count() == ReminderDaysBefore.Count
        && ReminderDaysBefore.All(d => d >= 1 && d < LifetimeDays);

    public TimeSpan Lifetime => TimeSpan.FromDays(LifetimeDays);
}
