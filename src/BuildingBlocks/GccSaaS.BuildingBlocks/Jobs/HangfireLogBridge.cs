using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using ExtensionsLogLevel = Microsoft.Extensions.Logging.LogLevel;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider (<see cref="LogProvider"/>), not through a host's services.
/// This bridge is that provider: it writes to the <see cref="ILoggerFactory"/> of a host that is running (the last
/// one attached and not yet detached), so Hangfire's messages land in the host's log under categories
/// <c>Hangfire.*</c>, and a test process with several hosts never logs into a disposed one.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Factories = [];
    private static bool _installed;

    /// <summary>Routes Hangfire's log to <paramref name="factory"/> until the returned handle is disposed.</summary>
    public static IDisposable Attach(ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate)
        {
            Factories.Add(factory);
            if (!_installed)
            {
                LogProvider.SetCurrentLogProvider(new HangfireLogBridge());
                _installed = true;
            }
        }

        return new Detach(factory);
    }

    public ILog GetLogger(string name) => new BridgedLog(name);

    private static ILoggerFactory? Current()
    {
        lock (Gate)
        {
            return Factories.Count > 0 ? Factories[^1] : null;
        }
    }

    private sealed class BridgedLog(string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Current() is not { } factory)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA2254 // Hangfire hands over finished messages, not templates.
                    logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host stopped between the lookup and the write
            }
        }

        private static ExtensionsLogLevel Map(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => ExtensionsLogLevel.Trace,
            HangfireLogLevel.Debug => ExtensionsLogLevel.Debug,
            HangfireLogLevel.Info => ExtensionsLogLevel.Information,
            HangfireLogLevel.Warn => ExtensionsLogLevel.Warning,
            HangfireLogLevel.Error => ExtensionsLogLevel.Error,
            _ => ExtensionsLogLevel.Critical,
        };
    }

    private sealed class Detach(ILoggerFactory factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Factories.Remove(factory);
            }
        }
    }
}
