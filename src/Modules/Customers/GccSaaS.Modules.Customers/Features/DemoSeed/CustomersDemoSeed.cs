using GccSaaS.Modules.Customers.Contracts;

namespace GccSaaS.Modules.Customers.Features.DemoSeed;

/// <summary>
/// Customers' step of the demo seed (<c>Demo:Seed=true</c>): the demo direct customer, and two customers of the demo
/// tenant associated with Adatum Reseller (one validated for GCC with its agreement recorded, one neither), so a
/// reseller user can add products at once (issue 14).
/// </summary>
internal sealed class CustomersDemoSeed : IDemoSeed
{
    public static DemoSeedStep DemoStep { get; } = new(CustomersModule.Name, 30, async (context, cancellationToken) =>
    {
        await context.Services.GetRequiredService<IMediator>().Send(new SeedDemoCustomersCommand(), cancellationToken);

        // The reseller's customers are the demo tenant's rows (RLS): their own scope, in the tenant.
        await using var scope = context.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(context.DemoTenant);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new SeedDemoResellerCustomersCommand(context.DemoTenant.Id, DemoSeedContext.AdatumResellerId), cancellationToken);
    });
}
