using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.Modules.Ordering.Data;

/// <summary>Lets EF tooling build the context outside the host (owner role, from the environment).</summary>
internal sealed class OrderingDesignTimeDbContextFactory : IDesignTimeDbContextFactory<OrderingDbContext>
{
    public OrderingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OrderingDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner",
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", OrderingDbContext.SchemaName))
            .Options;
        return new OrderingDbContext(options, DesignTimeTenants.None);
    }
}
