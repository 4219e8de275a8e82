namespace GccSaaS.Modules.Ordering.Data;

internal sealed class OrderingDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<OrderingDbContext>
{
    protected override string Schema => OrderingDbContext.SchemaName;

    protected override OrderingDbContext Create(DbContextOptions<OrderingDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
