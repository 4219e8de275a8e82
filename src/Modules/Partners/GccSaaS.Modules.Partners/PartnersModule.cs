using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Partners;

/// <summary>The Partners module's only public type: its registration and its endpoint mapping.</summary>
public static class PartnersModule
{
    public static IHostApplicationBuilder AddPartnersModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapPartnersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
