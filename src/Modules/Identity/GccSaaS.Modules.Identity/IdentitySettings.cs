namespace GccSaaS.Modules.Identity;

/// <summary>Identity settings (section <c>Identity</c>); the defaults suit the product.</summary>
internal sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>How long an invitation link stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The last-used time of an API key is written at most this often per key, so a burst of calls costs
    /// one write, not one per call.
    /// </summary>
    public TimeSpan ApiKeyLastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a portal cookie is checked against the user's security stamp: a session ended elsewhere (sign-out,
    /// password change or reset, membership removed) stops working within this time.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a password reset link is valid (single use).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The least time the "forgot password" answer takes, known address or not: a mail to send must not make the
    /// answer slower than one to nobody (no account oracle by timing).
    /// </summary>
    public TimeSpan PasswordResetAnswerTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a rotated API key keeps working next to its replacement, so callers can switch over.</summary>
    public TimeSpan ApiKeyRotationOverlap { get; set; } = TimeSpan.FromHours(24);
}
