namespace GccSaaS.Modules.Relationships.Data;

internal sealed class RelationshipsDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<RelationshipsDbContext>
{
    protected override string Schema => RelationshipsDbContext.SchemaName;

    protected override RelationshipsDbContext Create(DbContextOptions<RelationshipsDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
