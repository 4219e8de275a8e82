using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.IntegrationTests.Messaging;

/// <summary>
/// A host on the platform database with the job runner off whose EF commands are recorded (EF names every command it
/// sends at Information), so a test counts the statements a set-based path really issues (issue 19).
/// </summary>
public abstract class CommandRecordingHost(PlatformFixture fixture) : IAsyncLifetime
{
    private GccSaaSFactory? _host;

    protected PlatformFixture Fixture { get; } = fixture;

    protected LogRecorder Logs { get; } = new();

    protected GccSaaSFactory Host => _host ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public Task InitializeAsync()
    {
        _host = new GccSaaSFactory(Fixture.Database, services => services.AddSingleton<ILoggerProvider>(Logs), new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        _ = _host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
