using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GccSaaS.IntegrationTests.Api.Harness;

/// <summary>Test-only logger provider that keeps every line with the scopes it was written in.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            provider._scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            provider.Entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), scopes, exception));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<object?> Scopes, Exception? Exception)
{
    /// <summary>A named value from any scope the line was written in (structured scopes are key/value lists).</summary>
    public string? ScopeValue(string name) =>
        Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(s => s)
            .Where(kv => kv.Key == name)
            .Select(kv => kv.Value?.ToString())
            .FirstOrDefault();
}
