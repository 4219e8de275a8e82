using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Lets EF tooling build a module's context outside the host: the owner role from
/// <c>ConnectionStrings__Migrations</c> (build/pg.sh prints it), the module's own history table, no tenant.
/// </summary>
public abstract class ModuleDesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    private const string LocalDefault = "Host=127.0.0.1;Port=55432;Database=gccsaas;Username=gccsaas_owner";

    protected abstract string Schema { get; }

    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? LocalDefault,
                o => o.MigrationsHistoryTable("__EFMigrationsHistory", Schema))
            .Options;
        return Create(options, DesignTimeTenants.None);
    }

    protected abstract TContext Create(DbContextOptions<TContext> options, ITenantContextAccessor tenants);
}
