using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Features.SubmitPartnerValidation;
using GccSaaS.Modules.Validation.Features.ValidationCodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Validation;

/// <summary>The Validation module's only public type: its registration and its endpoint mapping.</summary>
public static class ValidationModule
{
    public const string Name = "Validation";

    public static IHostApplicationBuilder AddValidationModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<ValidationDbContext>(Name, ValidationDbContext.SchemaName, typeof(ValidationModule).Assembly);
        return builder;
    }

    public static IEndpointRouteBuilder MapValidationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapValidationCodes().MapValidationCases();
        return endpoints;
    }
}
