using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Partners.Data;

internal sealed class PartnersDbContext(DbContextOptions<PartnersDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "partners";

    public override string Schema => SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PartnersDbContext).Assembly);
    }
}
