using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Validation.Features.DemoSeed;

/// <summary>Validation' step of the demo seed (<c>Demo:Seed=true</c>): gCC validations of the demo tenant.</summary>
internal sealed class ValidationDemoSeed : IDemoSeed
{
    public static DemoSeedStep DemoStep { get; } = new(ValidationModule.Name, 50, async (context, cancellationToken) =>
    {
        // The demo tenant is GCC-approved with one validation code (maxCreates 5) and has a customer case on the desk.
        using var tenant = context.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(context.DemoTenant);
        await context.Services.GetRequiredService<IMediator>().Send(new SeedDemoValidationCommand(context.DemoTenant.Id), cancellationToken);
    });
}
