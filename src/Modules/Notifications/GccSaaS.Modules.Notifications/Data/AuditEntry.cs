using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Notifications.Data;

/// <summary>
/// One line of a tenant's audit log (<c>shell.audit_entries</c>): who did what, when, in which tenant,
/// under which correlation id. Append-only: the application role may insert and read, never change or
/// remove (the migration revokes UPDATE, DELETE and TRUNCATE).
/// </summary>
internal sealed class AuditEntry : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The command's type name, e.g. <c>MarkNotificationReadCommand</c>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>The module (or <c>Shell</c>) whose transaction ran the command.</summary>
    public string Module { get; set; } = string.Empty;

    /// <summary>The command as JSON, secrets redacted.</summary>
    public string Details { get; set; } = "{}";

    public Guid? UserId { get; set; }

    /// <summary>The user's display name when it happened, or <c>system</c>.</summary>
    public string Actor { get; set; } = string.Empty;

    public Guid? ApiKeyId { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>When the shell appended the entry (after the command committed).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int ActionLength = 200;
    public const int ModuleLength = 100;
    public const int ActorLength = 256;
    public const int CorrelationLength = 128;

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_entries");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Action).HasMaxLength(ActionLength);
        builder.Property(e => e.Module).HasMaxLength(ModuleLength);
        builder.Property(e => e.Details).HasColumnType("jsonb");
        builder.Property(e => e.Actor).HasMaxLength(ActorLength);
        builder.Property(e => e.CorrelationId).HasMaxLength(CorrelationLength);
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt, e.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_audit_entries_newest");
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.OccurredAt }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_user");
        builder.HasIndex(e => new { e.TenantId, e.Action, e.OccurredAt }).IsDescending(false, false, true)
            .HasDatabaseName("ix_audit_entries_action");
    }
}
