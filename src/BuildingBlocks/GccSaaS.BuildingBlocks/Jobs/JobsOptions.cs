namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The clustered scheduler's settings, bound from the <c>Jobs</c> configuration section when the
/// scheduler is built (not when it is registered), so a test host's own settings always apply.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Whether this host runs a scheduler. A host with <see langword="false"/> takes no part in the
    /// cluster (the other hosts run every job) and reports its scheduler check as healthy-by-design.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often this host records in <c>quartz.qrtz_scheduler_state</c> that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long past a missed check-in the other hosts wait before treating this one as dead and
    /// recovering its triggers. Longer than the worst pause (GC, VM migration, database failover).
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How late a firing may run before it counts as missed and its trigger's misfire instruction applies.
    /// A sweep's trigger uses the shorter of this and its own interval (see <see cref="JobsRegistration"/>).
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many jobs this host runs at once.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
