using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Partners.Data;

internal sealed class PartnersDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<PartnersDbContext>
{
    protected override string Schema => PartnersDbContext.SchemaName;

    protected override PartnersDbContext Create(DbContextOptions<PartnersDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
