using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Data;

/// <summary>
/// Migrations are hand-written (EF Core Design does not restore here), so this holds each EF model to
/// the migrated database: every mapped table and column exists, with the same nullability.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ModelMatchesSchemaTests(PlatformFixture fixture)
{
    public static TheoryData<string> Contexts() =>
        ["Platform", "IdentityStore", "Identity", "Partners", "Customers", "Relationships", "Validation", "Ordering", "Notifications", "Idempotency"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public async Task Every_mapped_column_exists_in_the_migrated_schema(string name)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var contextType = name switch
        {
            "Platform" => typeof(PlatformDbContext),
            "IdentityStore" => typeof(GccSaaSIdentityDbContext),
            "Idempotency" => typeof(IdempotencyDbContext),
            _ => scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == name).DbContextType,
        };
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
        var columns = await ReadColumnsAsync();

        var problems = new List<string>();
        var mapped = 0;
        foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                mapped++;
                var column = property.GetColumnName(table)!;
                var key = $"{table.Schema}.{table.Name}.{column}";
                if (!columns.TryGetValue(key, out var nullable))
                {
                    problems.Add($"{entity.DisplayName()}.{property.Name}: column {key} does not exist");
                }
                else if (nullable != property.IsColumnNullable(table))
                {
                    problems.Add($"{entity.DisplayName()}.{property.Name}: {key} nullability is {nullable} in the database");
                }
            }
        }

        Assert.True(mapped > 0, $"{name} maps no columns");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task<Dictionary<string, bool>> ReadColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name || '.' || column_name, is_nullable = 'YES' FROM information_schema.columns",
            connection);
        var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return columns;
    }
}
