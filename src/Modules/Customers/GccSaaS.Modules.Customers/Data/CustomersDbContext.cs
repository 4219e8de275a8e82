using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Customers.Data;

internal sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "customers";

    public override string Schema => SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }
}
