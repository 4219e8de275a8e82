namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// A notification written in the same transaction as the state change it announces, published after
/// commit by the outbox dispatcher (Messaging). One table per module schema, fenced by tenant.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The notification's full type name; resolved only among registered contract types.</summary>
    public string Type { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public string? CorrelationId { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>A dispatcher's lease: no other dispatcher claims the message before it passes.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockId { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A notification a handler has already applied: handlers run once per message.</summary>
public sealed class InboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid MessageId { get; set; }

    public string Handler { get; set; } = string.Empty;

    public DateTimeOffset ProcessedAt { get; set; }
}
