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
