using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.Modules.Relationships.Data;

/// <summary>Lets EF tooling build the context outside the host (owner role, from the environment).</summary>
internal sealed class RelationshipsDesignTimeDbContextFactory : IDesignTimeDbContextFactory<RelationshipsDbContext>
{
    public RelationshipsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RelationshipsDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner",
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", RelationshipsDbContext.SchemaName))
            .Options;
        return new RelationshipsDbContext(options, DesignTimeTenants.None);
    }
}
