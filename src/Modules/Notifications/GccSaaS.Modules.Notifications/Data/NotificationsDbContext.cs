namespace GccSaaS.Modules.Notifications.Data;

/// <summary>The module's tenant data (schema <c>notifications</c>): in-app notifications and the audit log, with its outbox and inbox.</summary>
internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "notifications";

    public override string Schema => SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
    }
}
