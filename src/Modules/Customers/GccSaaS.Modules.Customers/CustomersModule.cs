using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Features;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Customers.Features.CustomerWorkspace;
using GccSaaS.Modules.Customers.Resources;

namespace GccSaaS.Modules.Customers;

/// <summary>The Customers module's only public type: its registration and its endpoint mapping.</summary>
public static class CustomersModule
{
    public const string Name = "Customers";

    public static IHostApplicationBuilder AddCustomersModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule(new ModuleParts<CustomersDbContext>(Name, CustomersDbContext.SchemaName, typeof(CustomersResource)));
        builder.Services.AddScoped<CustomerScope>();
        builder.Services.AddScoped<Features.AddCustomer.AddCustomerRules>();
        builder.Services.AddCustomerWorkspace(); // the customer administrator's own sign-in and pages (ADR 0020)
        return builder;
    }

    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapCustomerEndpoints().MapCustomerAccountEndpoints();
        endpoints.MapCustomerWorkspaceApi();
        endpoints.MapCustomersExport();
        return endpoints;
    }
}
