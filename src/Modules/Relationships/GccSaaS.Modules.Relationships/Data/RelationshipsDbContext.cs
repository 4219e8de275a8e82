using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Relationships.Data;

internal sealed class RelationshipsDbContext(DbContextOptions<RelationshipsDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "relationships";

    public override string Schema => SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RelationshipsDbContext).Assembly);
    }
}
