namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The background job server's settings, bound from the <c>Jobs</c> configuration section when the storage
/// and the server are built (not when they are registered), so a test host's own settings always apply.
/// The defaults are the production values; tests shorten the timeouts through configuration.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Whether this host runs a Hangfire server (workers, the recurring-job scheduler, the watchdog). A host with
    /// <see langword="false"/> is web-only: it still reads the shared storage (the dashboard, the settings pages)
    /// and reports its scheduler check as healthy-by-design; the other hosts run every job.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many jobs this host runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How often an idle worker looks for a queued job in the database. A job queued on this very host wakes its
    /// workers at once; one queued elsewhere (another host, the dashboard of a web-only host) waits at most this long.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the server looks for recurring jobs that are due and for retries whose delay has passed.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a job taken by a host that stopped renewing it (the process died) stays invisible before another
    /// host takes it again. A running job renews it (sliding) every fifth of this, so it only bounds how late the
    /// work of a dead host is picked up, never how long a job may run.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often this host records in <c>hangfire.server</c> that it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After how long without a heartbeat the other hosts remove this one from the servers list.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a host looks for servers whose heartbeat is older than <see cref="ServerTimeout"/>.</summary>
    public TimeSpan ServerCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How old a distributed lock (a row of <c>hangfire.lock</c>) must be before another host may take it over:
    /// the locks of a host that died are freed after this. Longer than any sweep takes.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a stopping host waits for its running jobs; after that they are abandoned and retried elsewhere.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
