using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Applies the platform's (and every registered <see cref="PlatformSchema"/>'s) migrations, installs or upgrades
/// Hangfire's schema (<see cref="HangfireSchema"/>), and applies every module's migrations, all as the owner role
/// (<c>ConnectionStrings:Migrations</c>). The application role never runs DDL.
/// </summary>
public sealed partial class DatabaseMigrator(
    IConfiguration configuration,
    ModuleCatalog catalog,
    IEnumerable<PlatformSchema> platformSchemas,
    IServiceProvider services,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var ownerConnectionString = configuration.GetConnectionString("Migrations")
            ?? throw new InvalidOperationException("ConnectionStrings:Migrations (the owner role) is required to migrate the database.");
        await using var dataSource = NpgsqlDataSource.Create(ownerConnectionString);

        await MigrateContextAsync(typeof(PlatformDbContext), PlatformDbContext.Schema, dataSource, cancellationToken);
        foreach (var platformSchema in platformSchemas)
        {
            await MigrateContextAsync(platformSchema.DbContextType, platformSchema.Schema, dataSource, cancellationToken);
        }

        await HangfireSchema.InstallAsync(ownerConnectionString, cancellationToken);
        foreach (var module in catalog.Modules)
        {
            await MigrateContextAsync(module.DbContextType, module.Schema, dataSource, cancellationToken);
        }
    }

    private async Task MigrateContextAsync(Type contextType, string schema, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var builder = Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType)) as DbContextOptionsBuilder
            ?? throw new InvalidOperationException($"No options builder could be made for {contextType.Name}.");
        // A migration that backfills a large tenant's rows (a word index over a million customers) runs for minutes;
        // the default 30 s command timeout would abort it (and roll it back) on exactly the installations that need it.
        var timeout = configuration.GetValue("Database:MigrationCommandTimeout", TimeSpan.FromMinutes(30));
        builder.UseNpgsql(dataSource, o => o.MigrationsHistoryTable("__EFMigrationsHistory", schema).CommandTimeout((int)timeout.TotalSeconds));
        // Migrations are hand-written (EF Core Design does not restore here), so there is no model snapshot to compare.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        await using var context = (DbContext)ActivatorUtilities.CreateInstance(services, contextType, builder.Options);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, schema, pending.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string schema, int count);
}
