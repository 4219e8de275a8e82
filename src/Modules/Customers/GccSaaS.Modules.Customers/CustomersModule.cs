using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Customers;

/// <summary>The Customers module's only public type: its registration and its endpoint mapping.</summary>
public static class CustomersModule
{
    public static IHostApplicationBuilder AddCustomersModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
