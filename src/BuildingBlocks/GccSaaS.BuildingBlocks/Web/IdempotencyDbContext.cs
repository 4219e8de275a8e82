using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The <c>MS-RequestId</c> records of the <c>/v1</c> conventions (schema <c>idempotency</c>): platform-level, since
/// every module's writes use them, yet tenant-owned rows, fenced by row-level security and filtered by tenant. Not a
/// module (no outbox); migrated as a <see cref="PlatformSchema"/>. Every command it sends runs outside a transaction,
/// committed on its own, with the tenant set by <see cref="TenantCommandInterceptor"/>.
/// </summary>
internal sealed class IdempotencyDbContext(DbContextOptions<IdempotencyDbContext> options, ITenantContextAccessor tenants) : DbContext(options)
{
    public const string SchemaName = "idempotency";

    public DbSet<IdempotentRequest> Requests => Set<IdempotentRequest>();

    /// <summary>Read by the query filter per context instance; <see cref="Guid.Empty"/> matches no row.</summary>
    private Guid CurrentTenantId => tenants.Current?.Id ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(SchemaName);
        modelBuilder.ApplyConfiguration(new IdempotentRequestConfiguration());
        modelBuilder.Entity<IdempotentRequest>().HasQueryFilter(r => r.TenantId == CurrentTenantId);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
