using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;
using GccSaaS.Modules.Validation.Features.ReviewDesk;
using GccSaaS.Modules.Validation.Features.ValidationCodes;
using GccSaaS.Modules.Validation.Jobs;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation;

/// <summary>The Validation module's only public type: its registration and its endpoint mapping.</summary>
public static class ValidationModule
{
    public const string Name = "Validation";

    public static IHostApplicationBuilder AddValidationModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<ValidationDbContext>(Name, ValidationDbContext.SchemaName, typeof(ValidationModule).Assembly);
        builder.Services.AddRolePolicies(ValidationPolicies.Roles);
        builder.Services.AddDemoSeedStep(Features.DemoSeed.ValidationDemoSeed.Step);
        // R-VAL-6: reseller users submit customers too, so every member sees Validation.
        builder.Services.AddPortalLink(new("validation", PortalArea.Tenant, "/{tenant}/validation", typeof(ValidationResource), "Nav_Validation", 60, Group: PortalGroup.Validation));
        builder.Services.AddPortalLink(new("review-desk", PortalArea.Platform, "/platform/review-desk", typeof(ValidationResource), "Nav_ReviewDesk", 40, [GccSaaSRoles.ValidationReviewer]));
        builder.Services.AddScoped<ReviewDeskActions>();
        builder.Services.AddScoped<ValidationSlaReminders>();
        builder.Services.AddScoped<IDashboardFigures, ValidationDashboardFigures>();
        builder.Services.AddScoped<IPlatformDashboardFigures, ReviewDeskFigures>();
        builder.Services.AddSweepJob<ValidationSlaSweepJob>(
            ValidationSlaSweepJob.Name,
            sp => ValidationSlaSweepJob.IntervalFrom(sp.GetRequiredService<IConfiguration>()));

        builder.Services.AddRefusalTexts<ValidationResource>(services => [ValidationSupport.ContactFrom(services.GetRequiredService<IConfiguration>())]);
        return builder;
    }

    public static IEndpointRouteBuilder MapValidationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapValidationCodes().MapValidationCases();
        endpoints.MapOwnCasesExport();
        return endpoints;
    }
}
