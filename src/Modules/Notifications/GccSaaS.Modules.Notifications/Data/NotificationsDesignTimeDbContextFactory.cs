namespace GccSaaS.Modules.Notifications.Data;

internal sealed class NotificationsDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<NotificationsDbContext>
{
    protected override string Schema => NotificationsDbContext.SchemaName;

    protected override NotificationsDbContext Create(DbContextOptions<NotificationsDbContext> options, ITenantContextAccessor tenants) => new(options, tenants);
}
