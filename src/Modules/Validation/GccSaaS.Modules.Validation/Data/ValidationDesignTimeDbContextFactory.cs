using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.Modules.Validation.Data;

/// <summary>Lets EF tooling build the context outside the host (owner role, from the environment).</summary>
internal sealed class ValidationDesignTimeDbContextFactory : IDesignTimeDbContextFactory<ValidationDbContext>
{
    public ValidationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ValidationDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner",
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", ValidationDbContext.SchemaName))
            .Options;
        return new ValidationDbContext(options, DesignTimeTenants.None);
    }
}
