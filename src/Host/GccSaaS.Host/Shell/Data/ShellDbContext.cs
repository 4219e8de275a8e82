using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Host.Shell.Data;

/// <summary>
/// The host's own tenant data (schema <c>shell</c>): what the portal shell and the /v1 conventions keep
/// per tenant, such as notifications, the audit log and idempotent requests. Fenced and migrated like a
/// module's tables, with its own outbox and inbox.
/// </summary>
internal sealed class ShellDbContext(DbContextOptions<ShellDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "shell";

    public override string Schema => SchemaName;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShellDbContext).Assembly, t => t.Namespace?.StartsWith("GccSaaS.Host.Shell", StringComparison.Ordinal) == true);
    }
}
