namespace GccSaaS.Modules.Ordering.Data;

internal sealed class OrderingDbContext(DbContextOptions<OrderingDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "ordering";

    public override string Schema => SchemaName;

    /// <summary>Platform level: the catalogue, one for every provider.</summary>
    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<OfferPrice> OfferPrices => Set<OfferPrice>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<CartLineItem> CartLineItems => Set<CartLineItem>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLineItem> OrderLineItems => Set<OrderLineItem>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrderingDbContext).Assembly);
    }
}
