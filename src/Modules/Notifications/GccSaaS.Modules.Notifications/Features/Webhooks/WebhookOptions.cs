namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>Settings of webhook delivery (<c>Webhooks:*</c>); the defaults are production's.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints on loopback (127.0.0.0/8, ::1), also over plain http, be registered and delivered to: for
    /// development and tests only (the demo's <c>build/run.sh</c> sets it). Off by default; private, link-local, CGNAT
    /// and metadata addresses stay refused either way.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt may take before it counts as failed (10 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the delivery sweep runs (every minute; sweeps are minute-granular).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due deliveries of one endpoint one sweep takes at most, so one endpoint cannot starve the others.</summary>
    public int MaxPerEndpoint { get; set; } = 10;

    /// <summary>How many due deliveries of one tenant one sweep takes at most.</summary>
    public int MaxPerSweep { get; set; } = 200;

    /// <summary>How many attempts of one tenant's batch run at once (different endpoints in parallel, bounded).</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>How many tenants the delivery sweep serves at once, so one tenant's slow endpoint does not delay another tenant.</summary>
    public int TenantParallelism { get; set; } = 4;

    /// <summary>How long consecutive failures may last before the endpoint is disabled (a day).</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(1);
}
