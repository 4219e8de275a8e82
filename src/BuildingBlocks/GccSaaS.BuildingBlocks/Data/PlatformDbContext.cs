using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>The platform's own tables (schema <c>platform</c>): the tenant store. Not tenant-owned.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options)
{
    public const string Schema = "platform";

    internal DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<TenantRecord>(b =>
        {
            b.ToTable("tenants");
            b.HasKey(t => t.Id).HasName("pk_tenants");
            b.Property(t => t.Id).HasColumnName("id");
            b.Property(t => t.Identifier).HasColumnName("identifier").HasMaxLength(63);
            b.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
            b.Property(t => t.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            b.Property(t => t.CreatedAt).HasColumnName("created_at");
            b.HasIndex(t => t.Identifier).IsUnique().HasDatabaseName("ux_tenants_identifier");
        });
    }
}

internal sealed class TenantRecord
{
    public Guid Id { get; set; }

    public string Identifier { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public TenantStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public TenantInfo ToInfo() => new(Id, Identifier, Name, Status);
}
