using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.Modules.Customers.Data;

/// <summary>Lets EF tooling build the context outside the host (owner role, from the environment).</summary>
internal sealed class CustomersDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CustomersDbContext>
{
    public CustomersDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CustomersDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner",
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", CustomersDbContext.SchemaName))
            .Options;
        return new CustomersDbContext(options, DesignTimeTenants.None);
    }
}
