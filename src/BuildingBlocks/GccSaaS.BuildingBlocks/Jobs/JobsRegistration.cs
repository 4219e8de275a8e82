using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Background jobs on Hangfire with its PostgreSQL storage in schema <c>hangfire</c> of the application database,
/// as the application role: any number of hosts share one schedule, and each run happens on one of them.
/// </summary>
/// <remarks>
/// <para>
/// Everything read from configuration (<c>ConnectionStrings:Default</c>, the <c>Jobs</c> and <c>Outbox</c>
/// sections) is read when the storage and the server are built, never while services are registered: a test
/// host's settings arrive after <c>Program</c>'s registrations ran.
/// </para>
/// <para>
/// Nothing here touches Hangfire's static configuration (<c>GlobalConfiguration</c>, <c>JobStorage.Current</c>):
/// each host builds its own storage, client and server, so several hosts in one process (the tests) never share
/// or overwrite each other's. The only process-wide piece is the log provider (<see cref="HangfireLogBridge"/>).
/// </para>
/// </remarks>
public static class JobsRegistration
{
    /// <summary>The platform's own sweeps: outbox messages not dispatched after their commit.</summary>
    public const string OutboxSweepJobName = "outbox-sweep";
    public const string OutboxFullSweepJobName = "outbox-full-sweep";

    /// <summary>The application name of the storage's connections (its own pool; recognisable in <c>pg_stat_activity</c>).</summary>
    internal const string ApplicationName = "GccSaaS.Jobs";

    /// <summary>
    /// Registers the job storage, the recurring-job manager and background-job client, the hosted server (which
    /// runs only where <c>Jobs:Enabled</c>), <see cref="ISweepFacts"/>, and the outbox sweeps every
    /// <c>Outbox:SweepInterval</c> and <c>Outbox:FullSweepInterval</c>. Add the readiness check with
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
        services.TryAddSingleton<JobsServerIdentity>();
        services.TryAddSingleton<JobStorage>(sp => CreateStorage(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.TryAddSingleton<ITimeZoneResolver, DefaultTimeZoneResolver>();
        services.TryAddSingleton<IBackgroundJobFactory>(_ => new BackgroundJobFactory(JobFilterProviders.Providers));
        services.TryAddSingleton<IBackgroundJobStateChanger>(_ => new BackgroundJobStateChanger(JobFilterProviders.Providers));
        services.TryAddSingleton<RecurringJobManager>(sp => new RecurringJobManager(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<ITimeZoneResolver>()));
        services.TryAddSingleton<IRecurringJobManager>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.TryAddSingleton<IRecurringJobManagerV2>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.TryAddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<IBackgroundJobStateChanger>()));

        // UseHangfireDashboard insists on these two; neither changes Hangfire's static configuration.
        services.TryAddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.TryAddSingleton(_ => DashboardRoutes.Routes);

        services.TryAddTransient<SweepRunner>();
        services.TryAddScoped<SweepFailures>();
        services.TryAddScoped<ISweepFacts, SweepFactsReader>();
        services.AddHostedService<ClusteredJobsHostedService>();

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
        where TJob : class, ISweepJob
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSweepJob<TJob>(name, interval);
        return builder;
    }

    /// <inheritdoc cref="AddSweepJob{TJob}(IServiceCollection, string, Func{IServiceProvider, TimeSpan})"/>
    public static IServiceCollection AddSweepJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, ISweepJob =>
        services.AddSweepJob<TJob>(name, _ => interval);

    /// <summary>
    /// Declares a recurring, idempotent job (usually a <see cref="TenantSweepJob"/>): a Hangfire recurring job with
    /// id <paramref name="name"/> that runs <see cref="SweepRunner.RunAsync"/> for it every <paramref name="interval"/>,
    /// never two runs at once anywhere, retried with backoff when it fails. Each module declares its own sweeps in
    /// its <c>AddXModule</c>; works before or after <see cref="AddClusteredJobs"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Intervals are minute-granular</b>: the interval becomes a cron expression (<see cref="SweepSchedule"/>),
    /// rounded up, so a sub-minute interval from configuration runs every minute.
    /// </para>
    /// <para>
    /// <b>Misfires coalesce</b>: occurrences missed while no host ran (or every host was busy) become <b>one</b> run
    /// as soon as a server is back (<see cref="MisfireHandlingMode.Relaxed"/>), then the schedule carries on. A sweep
    /// is set-based and idempotent, so one run does everything the missed ones would have done.
    /// </para>
    /// </remarks>
    /// <param name="services">The host's services; test hosts call this from <c>ConfigureTestServices</c>.</param>
    /// <param name="name">The recurring job's id, unique, as the dashboard shows it.</param>
    /// <param name="interval">How often it runs, read when the server starts (so it can come from configuration).</param>
    public static IServiceCollection AddSweepJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan> interval)
        where TJob : class, ISweepJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(interval);
        services.TryAddTransient<TJob>();
        services.AddSingleton(new SweepDefinition(name, typeof(TJob), interval));
        return services;
    }

    /// <summary>
    /// Adds the readiness check: Hangfire's storage answers and, where <c>Jobs:Enabled</c>, this host's server has
    /// a recent heartbeat in it. On a web-only host it reports healthy by design.
    /// </summary>
    public static IHealthChecksBuilder AddSchedulerCheck(this IHealthChecksBuilder builder, string name, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.AddCheck<SchedulerHealthCheck>(name, tags: tags);
    }

    private static PostgreSqlStorage CreateStorage(IConfiguration configuration, JobsOptions jobs)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default (the application role) is not configured.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Enlist = false };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationName;
        }

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema.Schema,
            // The migration step installs the schema as the owner (HangfireSchema); hosts never run DDL.
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = jobs.QueuePollInterval,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = jobs.DistributedLockTimeout,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(builder.ConnectionString, options), options);
    }
}
