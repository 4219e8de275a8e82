namespace GccSaaS.Modules.Validation.Data;

internal sealed class ValidationDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<ValidationDbContext>
{
    protected override string Schema => ValidationDbContext.SchemaName;

    protected override ValidationDbContext Create(DbContextOptions<ValidationDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
