namespace GccSaaS.Modules.Relationships.Data;

internal sealed class RelationshipsDbContext(DbContextOptions<RelationshipsDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "relationships";

    public override string Schema => SchemaName;

    public DbSet<Partnership> Partnerships => Set<Partnership>();

    /// <summary>The words of the reseller names (and the PartnerIDs), kept by a trigger; the resellers search reads them.</summary>
    public DbSet<PartnershipNameWord> NameWords => Set<PartnershipNameWord>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<InvitationReminder> InvitationReminders => Set<InvitationReminder>();

    public DbSet<InvitationSettings> InvitationSettings => Set<InvitationSettings>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RelationshipsDbContext).Assembly);
    }
}
