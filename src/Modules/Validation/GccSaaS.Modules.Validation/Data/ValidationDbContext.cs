using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Data;

internal sealed class ValidationDbContext(DbContextOptions<ValidationDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "validation";

    public override string Schema => SchemaName;

    /// <summary>Platform-level: every tenant-facing query filters by SubmittedByTenantId explicitly.</summary>
    public DbSet<ValidationCase> Cases => Set<ValidationCase>();

    public DbSet<ValidationCaseEvent> CaseEvents => Set<ValidationCaseEvent>();

    public DbSet<ValidationSlaReminder> SlaReminders => Set<ValidationSlaReminder>();

    public DbSet<ValidationCode> Codes => Set<ValidationCode>();

    public DbSet<ValidationCodeUse> CodeUses => Set<ValidationCodeUse>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ValidationDbContext).Assembly);
    }
}
