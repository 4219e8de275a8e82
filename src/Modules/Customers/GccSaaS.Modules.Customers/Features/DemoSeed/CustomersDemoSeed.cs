using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.Modules.Customers.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.Modules.Customers.Features.DemoSeed;

/// <summary>Customers' step of the demo seed (<c>Demo:Seed=true</c>): the demo direct customer.</summary>
internal static class CustomersDemoSeed
{
    public static readonly DemoSeedStep Step = new(CustomersModule.Name, 30, async (context, cancellationToken) =>
    {
        await context.Services.GetRequiredService<IMediator>().Send(new SeedDemoCustomersCommand(), cancellationToken);
    });
}
