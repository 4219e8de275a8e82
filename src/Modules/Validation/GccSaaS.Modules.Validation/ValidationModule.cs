using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Validation;

/// <summary>The Validation module's only public type: its registration and its endpoint mapping.</summary>
public static class ValidationModule
{
    public static IHostApplicationBuilder AddValidationModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapValidationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
