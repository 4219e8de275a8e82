using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Notifications.Data;

/// <summary>The state of a webhook endpoint: only Active endpoints are sent to; Paused ones keep their deliveries for later.</summary>
internal static class WebhookEndpointStatuses
{
    public const string Active = "Active";
    public const string Paused = "Paused";

    /// <summary>Turned off by delivery after a day of consecutive failures; resuming turns it back on.</summary>
    public const string Disabled = "Disabled";
}

/// <summary>
/// A tenant's subscription to webhook events (<c>notifications.webhook_endpoints</c>): where to send, which event types,
/// and the signing secret(s) protected with Data Protection (never stored in clear). A reseller user's endpoint names its
/// reseller organisation (<see cref="OwnerResellerOrganisationId"/>) and only ever receives events about that reseller's
/// customers; the provider's endpoints have none.
/// </summary>
internal sealed class WebhookEndpoint : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string Url { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string[] EventTypes { get; set; } = [];

    public Guid? OwnerResellerOrganisationId { get; set; }

    /// <summary>The current secret (<c>whsec_…</c>), Data Protection payload.</summary>
    public string ProtectedSecret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public string Status { get; set; } = WebhookEndpointStatuses.Active;

    /// <summary>The first failed attempt since the last success: a day of it disables the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}

internal static class WebhookDeliveryStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";

    /// <summary>Every attempt of the retry schedule failed; replay sends it again.</summary>
    public const string Failed = "Failed";
}

/// <summary>
/// One event for one endpoint (<c>notifications.webhook_deliveries</c>): the exact payload sent (the signature covers its
/// bytes), its state and when it is due next. Its id is the <c>webhook-id</c> receivers deduplicate by; a replay keeps it.
/// </summary>
internal sealed class WebhookDelivery : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public string EventType { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    /// <summary>The outbox message the event came from: one delivery per (endpoint, message).</summary>
    public Guid SourceMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = WebhookDeliveryStatuses.Pending;

    public int AttemptCount { get; set; }

    /// <summary>When a Pending delivery is due; a claim moves it ahead by the lease so no other sweep takes it meanwhile.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }
}

/// <summary>One attempt to deliver (<c>notifications.webhook_attempts</c>): when, the answer's status, how long, and its first KiB.</summary>
internal sealed class WebhookAttempt : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid EndpointId { get; set; }

    public string EventType { get; set; } = string.Empty;

    public DateTimeOffset AttemptedAt { get; set; }

    public int? StatusCode { get; set; }

    public bool Succeeded { get; set; }

    public int DurationMs { get; set; }

    /// <summary>The first kilobyte of the answer's body, or what went wrong (timeout, refused address).</summary>
    public string? Response { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public const int UrlLength = 2000;
    public const int DescriptionLength = 200;

    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Url).HasMaxLength(UrlLength);
        builder.Property(e => e.Description).HasMaxLength(DescriptionLength);
        builder.Property(e => e.EventTypes).HasColumnType("text[]");
        builder.Property(e => e.Status).HasMaxLength(20);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => new { d.TenantId, d.Id });
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.HasIndex(d => new { d.TenantId, d.EndpointId, d.SourceMessageId }).IsUnique().HasDatabaseName("ux_webhook_deliveries_source");
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public const int ResponseLength = 1024;

    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.Property(a => a.EventType).HasMaxLength(100);
        builder.Property(a => a.Response).HasMaxLength(ResponseLength);
    }
}
