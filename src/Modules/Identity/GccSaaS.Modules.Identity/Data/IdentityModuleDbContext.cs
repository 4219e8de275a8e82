namespace GccSaaS.Modules.Identity.Data;

/// <summary>
/// Identity as a catalog module (schema <c>identity</c>): only its outbox and inbox, fenced by tenant. Identity's
/// commands run in this context's transaction (audited, may enqueue notifications); the ASP.NET Core Identity store,
/// <see cref="GccSaaSIdentityDbContext"/>, joins that transaction through <see cref="IdentityTransactionBehavior{TRequest,TResponse}"/>.
/// </summary>
internal sealed class IdentityModuleDbContext(DbContextOptions<IdentityModuleDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public override string Schema => GccSaaSIdentityDbContext.SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        // Outbox and inbox only (configured by ModuleDbContext); the identity store has its own context.
    }
}

internal sealed class IdentityModuleDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<IdentityModuleDbContext>
{
    protected override string Schema => GccSaaSIdentityDbContext.SchemaName;

    protected override IdentityModuleDbContext Create(DbContextOptions<IdentityModuleDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
