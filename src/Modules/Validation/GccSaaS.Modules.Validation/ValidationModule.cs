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
        builder.AddModule(new ModuleParts<ValidationDbContext>(Name, ValidationDbContext.SchemaName, typeof(ValidationResource))
        {
            RolePolicies = [ValidationPolicies.Roles],
            DemoSeed = Features.DemoSeed.ValidationDemoSeed.Step,
            Links =
            [
                // R-VAL-6: reseller users submit customers too, so every member sees Validation.
                new("validation", PortalArea.Tenant, "/{tenant}/validation", "Nav_Validation", 60, Group: PortalGroup.Validation),
                new("review-desk", PortalArea.Platform, "/platform/review-desk", "Nav_ReviewDesk", 40, [GccSaaSRoles.ValidationReviewer]),
            ],
            RefusalTextArguments = services => [ValidationSupport.ContactFrom(services.GetRequiredService<IConfiguration>())],
        });
        builder.Services.AddScoped<ReviewDeskActions>();
        builder.Services.AddScoped<ValidationSlaReminders>();
        builder.Services.AddSweepJob<ValidationSlaSweepJob>(
            ValidationSlaSweepJob.Name,
            sp => ValidationSlaSweepJob.IntervalFrom(sp.GetRequiredService<IConfiguration>()));
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
