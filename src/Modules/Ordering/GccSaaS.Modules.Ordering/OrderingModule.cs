using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Features;
using GccSaaS.Modules.Ordering.Features.AddProducts;
using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Checkout;
using GccSaaS.Modules.Ordering.Features.Pricing;
using GccSaaS.Modules.Ordering.Resources;

namespace GccSaaS.Modules.Ordering;

/// <summary>The Ordering module's only public type: its registration and its endpoint mapping.</summary>
public static class OrderingModule
{
    public const string Name = "Ordering";

    public static IHostApplicationBuilder AddOrderingModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule(new ModuleParts<OrderingDbContext>(Name, OrderingDbContext.SchemaName, typeof(OrderingResource)));
        builder.Services.AddScoped<OrderingRefusals>();
        builder.Services.AddScoped<OrderingScope>();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<CheckoutPreflight>();
        builder.Services.AddOrderingAfterPurchase();

        // Add products in the portal (R-ORD-3) and reseller prices (issue 14).
        builder.Services.AddScoped<OrderingCustomers>();
        builder.Services.AddScoped<ResellerPricing>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrderingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var v1 = endpoints.MapPartnerCenterApi().WithTags(Name).MapOfferEndpoints().MapOrderingRoutes();
        endpoints.MapOrderingAfterPurchase(v1);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapPricingRoutes();
        return endpoints;
    }
}
