using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>snake_case names for every schema of the database (tables and columns in C# are PascalCase).</summary>
public static class SnakeCaseNaming
{
    /// <summary>Names tables (unless <paramref name="renameTables"/> is false), columns, keys, indexes and foreign keys in snake_case.</summary>
    public static void Apply(ModelBuilder modelBuilder, bool renameTables = true)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (renameTables && entity.GetTableName() is { } table && entity.BaseType is null)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            var tableName = entity.GetTableName()
                ?? throw new InvalidOperationException($"{entity.DisplayName()} is mapped to no table; snake_case naming names tables and what they hold.");
            var tableId = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName(tableId) ?? property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                if (key.GetName() is { } keyName)
                {
                    key.SetName(ToSnakeCase(keyName));
                }
            }

            foreach (var index in entity.GetIndexes())
            {
                if (index.GetDatabaseName() is { } indexName)
                {
                    index.SetDatabaseName(ToSnakeCase(indexName));
                }
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                if (foreignKey.GetConstraintName() is { } constraintName)
                {
                    foreignKey.SetConstraintName(ToSnakeCase(constraintName));
                }
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
