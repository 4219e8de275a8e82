using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Features.ListingRequests;
using GccSaaS.Modules.Partners.Features.PlatformDirectory;
using GccSaaS.Modules.Partners.Features.Profiles;
using GccSaaS.Modules.Partners.Integrations;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners;

/// <summary>The Partners module's only public type: its registration and its endpoint mapping.</summary>
public static class PartnersModule
{
    public const string Name = "Partners";

    public static IHostApplicationBuilder AddPartnersModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule(new ModuleParts<PartnersDbContext>(Name, PartnersDbContext.SchemaName, typeof(PartnersResource)));
        builder.Services.AddScoped<PartnerDirectory>();
        builder.Services.AddScoped<ListingRequestDecisions>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPartnersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapProfileEndpoints().MapPlatformPartnerEndpoints().MapListingRequestEndpoints();
        return endpoints;
    }
}
