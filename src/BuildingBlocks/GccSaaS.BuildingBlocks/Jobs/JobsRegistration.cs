using GccSaaS.BuildingBlocks.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The clustered scheduler every host runs: Quartz on its ADO job store in schema <c>quartz</c> of the
/// application database, as the application role, clustered so each firing runs on exactly one host.
/// </summary>
/// <remarks>
/// Everything read from configuration (<c>ConnectionStrings:Default</c>, the <c>Jobs</c> and
/// <c>Outbox</c> sections) is read when the scheduler is built, never while services are registered:
/// a test host's settings arrive after <c>Program</c>'s registrations ran.
/// </remarks>
public static class JobsRegistration
{
    /// <summary>The scheduler's name, shared by every host of the cluster (<c>SCHED_NAME</c>).</summary>
    public const string SchedulerName = "GccSaaS";

    /// <summary>The group of every job and trigger the platform and its modules schedule.</summary>
    public const string JobGroup = "gccsaas";

    /// <summary>The platform's own sweep: outbox messages not dispatched after their commit.</summary>
    public const string OutboxSweepJobName = "outbox-sweep";
    public const string OutboxFullSweepJobName = "outbox-full-sweep";

    /// <summary>
    /// Registers the clustered scheduler, its hosted service (which waits for running jobs on shutdown),
    /// the execution recorder, <see cref="IJobStatusReader"/>, and the outbox sweep every
    /// <c>Outbox:SweepInterval</c>. Call after the modules; add the readiness check with
    /// <see cref="AddSchedulerCheck"/>.
    /// </summary>
    public static IHostApplicationBuilder AddClusteredJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ImplementationType == typeof(ClusteredJobsHostedService)))
        {
            return builder;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName);
        services.TryAddSingleton<JobsDatabase>();

        services.AddQuartz(q =>
        {
            // GenerateInstanceId is Quartz's instanceId = AUTO: a distinct id per host and start.
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(o => o.DataSourceFactory = sp => sp.GetRequiredService<JobsDatabase>().DataSource);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzSchema.TablePrefix;
                    // The tables come from the migration (QuartzSchema, as the owner); a host only checks them.
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
            q.AddJobListener(
                sp => ActivatorUtilities.CreateInstance<JobExecutionRecorder>(sp),
                [GroupMatcher<JobKey>.GroupEquals(JobGroup)]);
        });

        // Quartz applies these when it builds the scheduler, after the callbacks above.
        services.AddOptions<ClusteringOptions>().Configure<IOptions<JobsOptions>>((o, jobs) =>
        {
            o.CheckinInterval = jobs.Value.CheckinInterval;
            o.CheckinMisfireThreshold = jobs.Value.CheckinMisfireThreshold;
        });
        services.AddOptions<AdoJobStoreOptions>().Configure<IOptions<JobsOptions>>((o, jobs) => o.MisfireThreshold = jobs.Value.MisfireThreshold);
        services.AddOptions<ThreadPoolOptions>().Configure<IOptions<JobsOptions>>((o, jobs) => o.MaxConcurrency = jobs.Value.MaxConcurrency);
        services.Configure<QuartzOptions>(o =>
        {
            // Every host declares the same jobs at start and replaces the stored ones (so a changed interval
            // applies), but the replacement keeps the stored firing history: a restart neither re-fires a
            // schedule that has already run nor hides firings that were missed while no host ran.
            o.Scheduling.OverwriteExistingData = true;
            o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.ConfigureAll<QuartzHostedServiceOptions>(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<ClusteredJobsHostedService>();
        services.TryAddSingleton<IJobStatusReader, JobStatusReader>();

        services.AddSweepJob<OutboxSweepJob>(
            OutboxSweepJobName,
            sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.SweepInterval);
        services.AddSweepJob<OutboxFullSweepJob>(
            OutboxFullSweepJobName,
            sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.FullSweepInterval);
        return builder;
    }

    /// <inheritdoc cref="AddSweepJob{TJob}(IServiceCollection, string, Func{IServiceProvider, TimeSpan})"/>
    public static IHostApplicationBuilder AddSweepJob<TJob>(this IHostApplicationBuilder builder, string name, TimeSpan interval)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSweepJob<TJob>(name, interval);
        return builder;
    }

    /// <inheritdoc cref="AddSweepJob{TJob}(IServiceCollection, string, Func{IServiceProvider, TimeSpan})"/>
    public static IServiceCollection AddSweepJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IJob =>
        services.AddSweepJob<TJob>(name, _ => interval);

    /// <summary>
    /// Schedules a recurring, idempotent job (usually a <see cref="TenantSweepJob"/>) on the clustered
    /// scheduler: a durable job and a simple trigger, both named <paramref name="name"/> in
    /// <see cref="JobGroup"/>, repeating every <paramref name="interval"/> for ever, never two runs at once
    /// anywhere in the cluster. Works before or after <see cref="AddClusteredJobs"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Misfire policy: coalesce, then carry on.</b> A firing that could not run on time (no host was
    /// up, every host was busy, the previous run was still going) is not replayed once per missed
    /// interval. As soon as a scheduler is back, the missed firings are collapsed into ONE run, straight
    /// away, and the trigger then repeats every interval from that run
    /// (<see cref="SimpleTriggerMisfireInstruction.NowWithRemainingCount"/>, which is Quartz's
    /// <c>FireNow</c> for a repeating trigger). A sweep is set-based and idempotent, so one run does
    /// everything the missed ones would have done; replaying them (<c>IgnoreMisfires</c>) would only
    /// repeat work in a burst, and skipping to the next interval (the smart policy for a repeating
    /// trigger) would leave the work undone for up to another interval.
    /// </para>
    /// <para>
    /// A firing counts as missed once it is later than the shorter of <paramref name="interval"/> and
    /// <see cref="JobsOptions.MisfireThreshold"/>. Capping the threshold at the interval is what makes a
    /// short outage coalesce too: under a longer threshold a late trigger would fire once per missed
    /// interval back to back, each firing "late but not missed".
    /// </para>
    /// </remarks>
    /// <param name="services">The host's services; test hosts call this from <c>ConfigureTestServices</c>.</param>
    /// <param name="name">The job's name, unique in <see cref="JobGroup"/>, as the operator page shows it.</param>
    /// <param name="interval">How often it runs, read when the scheduler is built (so it can come from configuration).</param>
    public static IServiceCollection AddSweepJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan> interval)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(interval);
        services.AddQuartz(q =>
        {
            q.AddJob<TJob>(job => job
                .WithIdentity(name, JobGroup)
                .StoreDurably()
                .DisallowConcurrentExecution());
            q.AddTrigger<TJob>((sp, trigger) =>
            {
                var every = interval(sp);
                if (every <= TimeSpan.Zero)
                {
                    throw new InvalidOperationException($"The interval of job {name} must be positive, not {every}.");
                }

                var storeThreshold = sp.GetRequiredService<IOptions<JobsOptions>>().Value.MisfireThreshold;
                trigger
                    .ForJob(name, JobGroup)
                    .WithIdentity(name, JobGroup)
                    .StartNow()
                    .WithMisfireThreshold(WholeMilliseconds(every < storeThreshold ? every : storeThreshold))
                    .WithSimpleSchedule(s => s
                        .WithInterval(every)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount));
            });
        });
        return services;
    }

    /// <summary>
    /// Adds the scheduler's readiness check: Quartz's own (running, its store answers, this node still
    /// checks in with the cluster). On a host with <c>Jobs:Enabled</c> false it reports healthy, saying
    /// the scheduler is off here by configuration.
    /// </summary>
    public static IHealthChecksBuilder AddSchedulerCheck(this IHealthChecksBuilder builder, string name, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tags);
        builder.AddQuartz(o =>
        {
            o.Name = name;
            foreach (var tag in tags)
            {
                o.Tags.Add(tag);
            }
        });
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.FirstOrDefault(r => r.Name == name)
                ?? throw new InvalidOperationException($"Quartz's health check '{name}' was not registered.");
            var quartzCheck = registration.Factory;
            registration.Factory = sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value.Enabled
                ? quartzCheck(sp)
                : new DisabledSchedulerHealthCheck();
        });
        return builder;
    }

    private static TimeSpan WholeMilliseconds(TimeSpan value) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(value.TotalMilliseconds)));

    private sealed class DisabledSchedulerHealthCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy("Jobs:Enabled is false: this host runs no scheduler; the other hosts run the jobs."));
    }
}
