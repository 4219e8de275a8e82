using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Data;

/// <summary>A marker an outbox row carries, to find it in the database.</summary>
public sealed record LeftoverProbeNotification(Guid Marker) : INotification;

/// <summary>Changes its module's context (an outbox row), then is refused, as a rule checked late would be.</summary>
public sealed record DirtyThenRefuseCommand(Guid Marker) : IRequest<Unit>;

/// <summary>Succeeds without changing anything: any row it commits was left by someone else.</summary>
public sealed record CleanCommand : IRequest<Unit>;

internal sealed class DirtyThenRefuseHandler(PartnersDbContext db, TimeProvider clock) : IRequestHandler<DirtyThenRefuseCommand, Unit>
{
    public Task<Unit> Handle(DirtyThenRefuseCommand request, CancellationToken cancellationToken)
    {
        db.EnqueueNotification(new LeftoverProbeNotification(request.Marker), clock);
        throw new DomainRuleException("probe_refused", "Refused after changing the context.");
    }
}

internal sealed class CleanHandler : IRequestHandler<CleanCommand, Unit>
{
    public Task<Unit> Handle(CleanCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>
/// A refused command leaves nothing behind, not even for the next command of the same scope (a page that goes on
/// after a refusal, ADR 0017): its changes were rolled back in the database and are forgotten in memory too.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RefusedCommandLeftoversTests(PlatformFixture fixture) : IAsyncLifetime
{
    private const string ModuleName = "LeftoverProbe";
    private GccSaaSFactory? _host;

    private GccSaaSFactory Host => _host ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _host = ShellTestHarness.StartHost(fixture.Database, services =>
        {
            var catalog = (ModuleCatalog?)services.Single(d => d.ServiceType == typeof(ModuleCatalog) && d.ImplementationInstance is ModuleCatalog).ImplementationInstance
                ?? throw new InvalidOperationException("no module catalogue");
            var assembly = typeof(RefusedCommandLeftoversTests).Assembly;
            if (catalog.Modules.All(m => m.Name != ModuleName) && catalog.Modules.All(m => m.Implementation != assembly))
            {
                catalog.Add(new ModuleDefinition(ModuleName, "partners", typeof(PartnersDbContext), assembly, assembly));
            }

            services.AddTransient<IRequestHandler<DirtyThenRefuseCommand, Unit>, DirtyThenRefuseHandler>();
            services.AddTransient<IRequestHandler<CleanCommand, Unit>, CleanHandler>();
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_refused_commands_changes_are_not_saved_by_the_next_command_of_the_scope()
    {
        var tenant = await Host.Services.CreateTenantAsync("leftover");
        var marker = Guid.NewGuid();
        using (Host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await Assert.ThrowsAsync<DomainRuleException>(() => mediator.Send(new DirtyThenRefuseCommand(marker)));
            await mediator.Send(new CleanCommand());
        }

        var rows = await fixture.Database.ScalarAsync<long>(
            tenant.Id, "SELECT count(*) FROM partners.outbox_messages WHERE payload::text LIKE '%' || @marker || '%'", ("marker", marker.ToString()));
        Assert.Equal(0, rows);
    }
}
