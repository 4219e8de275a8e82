using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Ordering.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Ordering;

/// <summary>The Ordering module's only public type: its registration and its endpoint mapping.</summary>
public static class OrderingModule
{
    public const string Name = "Ordering";

    public static IHostApplicationBuilder AddOrderingModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<OrderingDbContext>(Name, OrderingDbContext.SchemaName, typeof(OrderingModule).Assembly);
        return builder;
    }

    public static IEndpointRouteBuilder MapOrderingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name);
        return endpoints;
    }
}
