using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Ordering.Data;

/// <summary>What a subscription keeps about its changes after purchase (migration 20261222000000).</summary>
internal sealed partial class Subscription
{
    /// <summary>
    /// Counts the subscription's changes, from 1 at purchase: the ETag of <c>GET …/subscriptions/{id}</c> and the
    /// <c>If-Match</c> of a PATCH (optimistic concurrency: two editors never silently overwrite each other).
    /// </summary>
    public int Version { get; set; } = 1;

    /// <summary>The last renewal; the cancellation window runs 7 days from it, or from the purchase when null.</summary>
    public DateTimeOffset? RenewedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset? LastModifiedAt { get; set; }

    public string? LastModifiedBy { get; set; }
}

/// <summary>The change columns of ordering.subscriptions; <see cref="SubscriptionConfiguration"/> maps the rest.</summary>
internal sealed class SubscriptionChangeConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Property(s => s.LastModifiedBy).HasMaxLength(300);
        b.HasIndex(s => new { s.TenantId, s.ResellerOrganisationId, s.Id });
    }
}
