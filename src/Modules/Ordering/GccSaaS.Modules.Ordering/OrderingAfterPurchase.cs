using GccSaaS.Modules.Ordering.Features.CatalogueAdmin;
using GccSaaS.Modules.Ordering.Features.Subscriptions;
using GccSaaS.Modules.Ordering.Jobs;

namespace GccSaaS.Modules.Ordering;

/// <summary>
/// The Ordering module's parts after the purchase (issue 14): subscription changes, reseller of record, support contact,
/// the provider-wide list, the platform's catalogue administration and the cart-expiry job. Called by
/// <see cref="OrderingModule"/>.
/// </summary>
internal static class OrderingAfterPurchase
{
    public static IServiceCollection AddOrderingAfterPurchase(this IServiceCollection services)
    {
        services.AddScoped<SubscriptionStore>();
        services.AddScoped<PartneredResellers>();

        // R-PC-8: the cart-expiry sweep, a Hangfire recurring job every host shares.
        services.AddSweepJob<CartExpirySweepJob>(CartExpiry.JobName, CartExpiry.Interval);
        return services;
    }

    public static IEndpointRouteBuilder MapOrderingAfterPurchase(this IEndpointRouteBuilder endpoints, Microsoft.AspNetCore.Routing.RouteGroupBuilder v1)
    {
        v1.MapSubscriptionRoutes().MapCatalogueAdminRoutes();
        endpoints.MapSubscriptionExport();
        return endpoints;
    }
}
