using Microsoft.Extensions.Configuration;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// The scheduler's own connection pool to the application database, as the application role
/// (<c>ConnectionStrings:Default</c>), read when the scheduler is first built. Its own pool keeps request
/// load from starving the cluster check-in (a node that cannot check in is declared dead by its peers),
/// and its application name makes the scheduler's sessions recognisable in <c>pg_stat_activity</c>.
/// </summary>
internal sealed class JobsDatabase(IConfiguration configuration) : IAsyncDisposable
{
    internal const string ApplicationName = "GccSaaS.Jobs";

    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => Build(configuration));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync();
        }
    }

    private static NpgsqlDataSource Build(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default (the application role) is not configured.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationName;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
