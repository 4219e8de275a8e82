using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.Modules.Partners.Data;

internal sealed class PartnersDbContext(DbContextOptions<PartnersDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "partners";

    public override string Schema => SchemaName;

    public DbSet<PartnerOrganisation> PartnerOrganisations => Set<PartnerOrganisation>();

    public DbSet<ListingChangeRequest> ListingChangeRequests => Set<ListingChangeRequest>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PartnersDbContext).Assembly);
    }
}
