using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Audit;

/// <summary>A command full of secrets, so the audit log's redaction is seen through the real pipeline.</summary>
public sealed record ProbeSecretsCommand(
    string Note,
    string Password,
    string ClientSecret,
    string ApiKey,
    Guid KeyId,
    string ApiKeyName,
    string Code,
    string ValidationCode,
    ProbeNested Nested,
    bool Refuse = false) : IRequest<Guid>;

public sealed record ProbeNested(string RefreshToken, string Label);

/// <summary>Runs <see cref="ProbeSecretsCommand"/> inside its own transaction, then fails: everything rolls back.</summary>
public sealed record ProbeRollbackCommand(string Note) : IRequest<Unit>;

internal sealed class ProbeSecretsHandler : IRequestHandler<ProbeSecretsCommand, Guid>
{
    public Task<Guid> Handle(ProbeSecretsCommand request, CancellationToken cancellationToken) =>
        request.Refuse
            ? throw new DomainRuleException("probe_refused", "The probe refuses, as a business rule would.")
            : Task.FromResult(Guid.NewGuid());
}

internal sealed class ProbeRollbackHandler(IMediator mediator) : IRequestHandler<ProbeRollbackCommand, Unit>
{
    public async Task<Unit> Handle(ProbeRollbackCommand request, CancellationToken cancellationToken)
    {
        await mediator.Send(AuditProbe.Secrets(request.Note), cancellationToken);
        throw new InvalidOperationException("The outer command fails after the inner one succeeded.");
    }
}

/// <summary>
/// Composes the test assembly's commands as a module of their own whose transaction is the Partners
/// module's DbContext. A request type belongs to the module that owns its assembly; one declared here
/// would otherwise belong to none, run in no transaction and (rightly) not be audited. So the probe
/// also shows that an audit entry travels through the executing module's outbox (partners), not only
/// the shell's.
/// </summary>
public static class AuditProbe
{
    public const string ModuleName = "AuditProbe";

    public static void Compose(IServiceCollection services)
    {
        var catalog = (ModuleCatalog)services.Single(d => d.ServiceType == typeof(ModuleCatalog) && d.ImplementationInstance is ModuleCatalog).ImplementationInstance!;
        var assembly = typeof(AuditProbe).Assembly;
        catalog.Add(new ModuleDefinition(ModuleName, "partners", typeof(PartnersDbContext), assembly, assembly));
        services.AddTransient<IRequestHandler<ProbeSecretsCommand, Guid>, ProbeSecretsHandler>();
        services.AddTransient<IRequestHandler<ProbeRollbackCommand, Unit>, ProbeRollbackHandler>();
    }

    public static ProbeSecretsCommand Secrets(string note, bool refuse = false) => new(
        note,
        Password: "hunter2-password",
        ClientSecret: "client-secret-value",
        ApiKey: "gsk_live_abcdef",
        KeyId: Guid.Parse("9b0c6f55-7e36-4d69-9d7e-0a4f5f0c1a11"),
        ApiKeyName: "CI pipeline",
        Code: "123456",
        ValidationCode: "GCC-VAL-7",
        Nested: new ProbeNested("refresh-token-value", "nested label"),
        Refuse: refuse);
}

/// <summary>
/// The audit tests' own host: the platform's database, the <see cref="AuditProbe"/> module composed in, and a clock the
/// test moves (<see cref="Clock"/>), started before each test and disposed after it.
/// </summary>
public abstract class AuditProbeHost(PlatformFixture fixture, DateTimeOffset start) : IAsyncLifetime
{
    private GccSaaSFactory? _host;

    protected PlatformFixture Fixture { get; } = fixture;

    protected ManualClock Clock { get; } = new(start);

    protected GccSaaSFactory Host => _host ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _host = ShellTestHarness.StartHost(Fixture.Database, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            AuditProbe.Compose(services);
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
}
