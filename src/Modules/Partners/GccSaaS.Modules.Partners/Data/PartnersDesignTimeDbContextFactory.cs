using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.Modules.Partners.Data;

/// <summary>Lets EF tooling build the context outside the host (owner role, from the environment).</summary>
internal sealed class PartnersDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnersDbContext>
{
    public PartnersDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PartnersDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner",
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", PartnersDbContext.SchemaName))
            .Options;
        return new PartnersDbContext(options, DesignTimeTenants.None);
    }
}
