namespace GccSaaS.Modules.Partners.Data;

internal sealed class PartnersDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<PartnersDbContext>
{
    protected override string Schema => PartnersDbContext.SchemaName;

    protected override PartnersDbContext Create(DbContextOptions<PartnersDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
