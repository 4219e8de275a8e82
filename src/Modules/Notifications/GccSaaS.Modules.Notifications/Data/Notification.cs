using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Notifications.Data;

/// <summary>
/// One in-app notification for one user in one tenant (<c>shell.notifications</c>). A message of a
/// module's outbox becomes at most one row per recipient: the inbox makes the handler run once, and
/// the unique (tenant, source message, recipient) index holds even if it did not.
/// </summary>
internal sealed class Notification : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid RecipientUserId { get; set; }

    /// <summary>A stable key of what happened (<c>partnership.requested</c>), for filtering and icons.</summary>
    public string Kind { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public string? LinkUrl { get; set; }

    /// <summary>
    /// The subject and body in the portal's other languages (JSON: culture → [subject, body]), when the sender wrote
    /// them; the centre shows the reader's, else <see cref="Subject"/> and <see cref="Body"/>.
    /// </summary>
    public string? Translations { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The outbox message that asked for it.</summary>
    public Guid SourceMessageId { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const int KindLength = 100;
    public const int SubjectLength = 400;
    public const int BodyLength = 4000;
    public const int LinkLength = 2000;

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("notifications");
        builder.HasKey(n => new { n.TenantId, n.Id });
        builder.Property(n => n.Kind).HasMaxLength(KindLength);
        builder.Property(n => n.Subject).HasMaxLength(SubjectLength);
        builder.Property(n => n.Body).HasMaxLength(BodyLength);
        builder.Property(n => n.LinkUrl).HasMaxLength(LinkLength);
        builder.Property(n => n.Translations).HasColumnType("jsonb");
        builder.HasIndex(n => new { n.TenantId, n.SourceMessageId, n.RecipientUserId }).IsUnique()
            .HasDatabaseName("ux_notifications_source_recipient");
        builder.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.CreatedAt, n.Id })
            .IsDescending(false, false, true, true)
            .HasDatabaseName("ix_notifications_recipient_newest");
        builder.HasIndex(n => new { n.TenantId, n.RecipientUserId }).HasFilter("read_at IS NULL")
            .HasDatabaseName("ix_notifications_recipient_unread");
    }
}
