using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Ordering.Data;

/// <summary>ordering.offers: platform level, seeded by a migration.</summary>
internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.ToTable("offers");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(40);
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.ProductFamily).HasMaxLength(40);
        b.Property(o => o.Segment).HasMaxLength(20);
        b.Property(o => o.Country).HasMaxLength(2);
    }
}

internal sealed class OfferPriceConfiguration : IEntityTypeConfiguration<OfferPrice>
{
    public void Configure(EntityTypeBuilder<OfferPrice> b)
    {
        b.ToTable("offer_prices");
        b.HasKey(p => new { p.OfferId, p.TermDuration, p.BillingCycle });
        b.Property(p => p.TermDuration).HasMaxLength(3);
        b.Property(p => p.BillingCycle).HasMaxLength(20);
        b.Property(p => p.ListPrice).HasPrecision(12, 2);
        b.Property(p => p.CurrencyCode).HasMaxLength(3);
        b.HasOne<Offer>().WithMany().HasForeignKey(p => p.OfferId);
    }
}

/// <summary>The tenant-owned tables: tenant_id leads every key; RLS forced (migration).</summary>
internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> b)
    {
        b.ToTable("carts");
        b.HasKey(c => new { c.TenantId, c.Id });
        b.Property(c => c.Status).HasMaxLength(20);
        b.Property(c => c.ResellerPartnerId).HasMaxLength(20);
        b.Property(c => c.LastModifiedBy).HasMaxLength(300);
        b.HasMany(c => c.LineItems).WithOne().HasForeignKey(l => new { l.TenantId, l.CartId });
    }
}

internal sealed class CartLineItemConfiguration : IEntityTypeConfiguration<CartLineItem>
{
    public void Configure(EntityTypeBuilder<CartLineItem> b)
    {
        b.ToTable("cart_line_items");
        b.HasKey(l => new { l.TenantId, l.CartId, l.Id });
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.OfferId).HasMaxLength(40);
        b.Property(l => l.TermDuration).HasMaxLength(3);
        b.Property(l => l.BillingCycle).HasMaxLength(20);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.HasKey(o => new { o.TenantId, o.Id });
        b.Property(o => o.Status).HasMaxLength(20);
        b.Property(o => o.CurrencyCode).HasMaxLength(3);
        b.Property(o => o.ResellerPartnerId).HasMaxLength(20);
        b.Property(o => o.CreatedBy).HasMaxLength(300);
        b.HasIndex(o => new { o.TenantId, o.CartId }).IsUnique();
        b.HasIndex(o => new { o.TenantId, o.CustomerId, o.Id });
        b.HasMany(o => o.LineItems).WithOne().HasForeignKey(l => new { l.TenantId, l.OrderId });
    }
}

internal sealed class OrderLineItemConfiguration : IEntityTypeConfiguration<OrderLineItem>
{
    public void Configure(EntityTypeBuilder<OrderLineItem> b)
    {
        b.ToTable("order_line_items");
        b.HasKey(l => new { l.TenantId, l.OrderId, l.LineItemNumber });
        b.Property(l => l.LineItemNumber).ValueGeneratedNever();
        b.Property(l => l.OfferId).HasMaxLength(40);
        b.Property(l => l.OfferName).HasMaxLength(200);
        b.Property(l => l.TermDuration).HasMaxLength(3);
        b.Property(l => l.BillingCycle).HasMaxLength(20);
        b.Property(l => l.ListPrice).HasPrecision(12, 2);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.HasKey(s => new { s.TenantId, s.Id });
        b.Property(s => s.OfferId).HasMaxLength(40);
        b.Property(s => s.OfferName).HasMaxLength(200);
        b.Property(s => s.ProductFamily).HasMaxLength(40);
        b.Property(s => s.Segment).HasMaxLength(20);
        b.Property(s => s.TermDuration).HasMaxLength(3);
        b.Property(s => s.BillingCycle).HasMaxLength(20);
        b.Property(s => s.Status).HasMaxLength(20);
        b.Property(s => s.ResellerPartnerId).HasMaxLength(20);
        b.Property(s => s.SupportContactKind).HasMaxLength(20);
        b.HasIndex(s => new { s.TenantId, s.CustomerId, s.Id });
        b.HasIndex(s => new { s.TenantId, s.OfferId, s.Id }); // issue 16: the list filtered by offer
    }
}

/// <summary>Reseller prices on an order (issue 14): the markup in force and each line's reseller price at checkout.</summary>
internal sealed class OrderPricingConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b) => b.Property(o => o.MarkupPercent).HasPrecision(5, 2);
}

internal sealed class OrderLinePricingConfiguration : IEntityTypeConfiguration<OrderLineItem>
{
    public void Configure(EntityTypeBuilder<OrderLineItem> b) => b.Property(l => l.ResellerPrice).HasPrecision(12, 2);
}

internal sealed class MarkupSettingsConfiguration : IEntityTypeConfiguration<MarkupSettings>
{
    public void Configure(EntityTypeBuilder<MarkupSettings> b)
    {
        b.ToTable("markup_settings");
        b.HasKey(m => m.TenantId);
        b.Property(m => m.DefaultMarkupPercent).HasPrecision(5, 2);
        b.Property(m => m.UpdatedBy).HasMaxLength(300);
    }
}

internal sealed class ResellerMarkupConfiguration : IEntityTypeConfiguration<ResellerMarkup>
{
    public void Configure(EntityTypeBuilder<ResellerMarkup> b)
    {
        b.ToTable("reseller_markups");
        b.HasKey(m => new { m.TenantId, m.ResellerOrganisationId });
        b.Property(m => m.MarkupPercent).HasPrecision(5, 2);
        b.Property(m => m.UpdatedBy).HasMaxLength(300);
    }
}
