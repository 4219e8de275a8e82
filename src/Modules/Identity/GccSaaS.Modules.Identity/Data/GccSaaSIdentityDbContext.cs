using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace GccSaaS.Modules.Identity.Data;

/// <summary>
/// ASP.NET Core Identity and the platform's memberships, invitations and API keys (schema
/// <c>identity</c>). Users and their Identity rows are platform-wide; memberships, invitations and API keys are
/// tenant tables under row-level security (ADR 0021), and the reads before a tenant is known (a user's memberships
/// at sign-in, a key by its prefix, an invitation by its token) go through named definer functions.
/// </summary>
internal sealed class GccSaaSIdentityDbContext : IdentityDbContext<GccSaaSUser, GccSaaSRole, Guid>
{
    public const string SchemaName = "identity";

    public GccSaaSIdentityDbContext(DbContextOptions<GccSaaSIdentityDbContext> options)
        : base(options)
    {
        // Every save runs in a transaction, as a module context's does (ADR 0002): the tenant is set once at its start,
        // and no statement of the save is prefixed with the setting, which would shift the row counts EF checks.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<UserInvitation> UserInvitations => Set<UserInvitation>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<PlatformApiKey> PlatformApiKeys => Set<PlatformApiKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PlatformAuditEntry> PlatformAuditEntries => Set<PlatformAuditEntry>();

    /// <summary>Version 1 (no passkeys), pinned so the model never changes under the hand-written migration.</summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasDefaultSchema(SchemaName);
        base.OnModelCreating(builder);

        builder.Entity<GccSaaSUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.TimeZone).HasMaxLength(64);
        });
        builder.Entity<GccSaaSRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.Entity<Membership>(b =>
        {
            b.ToTable("memberships");
            b.HasKey(m => new { m.TenantId, m.UserId });
            b.Property(m => m.Role).HasMaxLength(40);
            b.HasIndex(m => m.UserId);
            b.HasOne<GccSaaSUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<UserInvitation>(b =>
        {
            b.ToTable("user_invitations");
            b.HasKey(i => i.Id);
            b.Property(i => i.Email).HasMaxLength(256);
            b.Property(i => i.NormalizedEmail).HasMaxLength(256);
            b.Property(i => i.Role).HasMaxLength(40);
            b.HasIndex(i => i.TokenHash).IsUnique();
            b.HasIndex(i => new { i.TenantId, i.CreatedAt });
        });
        builder.Entity<ApiKey>(b =>
        {
            b.ToTable("api_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Name).HasMaxLength(100);
            b.Property(k => k.Role).HasMaxLength(40);
            b.Property(k => k.Prefix).HasMaxLength(32);
            b.HasIndex(k => k.Prefix).IsUnique();
            b.HasIndex(k => new { k.TenantId, k.CreatedAt });
        });
        builder.Entity<PlatformApiKey>(b =>
        {
            b.ToTable("platform_api_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Name).HasMaxLength(100);
            b.Property(k => k.Prefix).HasMaxLength(32);
            b.HasIndex(k => k.Prefix).IsUnique();
            b.HasIndex(k => new { k.UserId, k.CreatedAt });
            b.HasOne<GccSaaSUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlatformAuditEntry>(b =>
        {
            b.ToTable("platform_audit_entries");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).UseIdentityAlwaysColumn();
            b.Property(e => e.Action).HasMaxLength(200);
            b.Property(e => e.Module).HasMaxLength(40);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.CorrelationId).HasMaxLength(128);
            b.HasIndex(e => e.UserId);
            b.HasIndex(e => new { e.TenantId, e.Id }); // issue 16: the log filtered by tenant
        });
        builder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(k => k.FriendlyName);
            b.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        // Identity's tables are named explicitly above; columns, keys and indexes follow the database's convention.
        SnakeCaseNaming.Apply(builder, renameTables: false);
    }
}
