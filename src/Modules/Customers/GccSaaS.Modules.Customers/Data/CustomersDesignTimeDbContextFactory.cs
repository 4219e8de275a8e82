namespace GccSaaS.Modules.Customers.Data;

internal sealed class CustomersDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<CustomersDbContext>
{
    protected override string Schema => CustomersDbContext.SchemaName;

    protected override CustomersDbContext Create(DbContextOptions<CustomersDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
