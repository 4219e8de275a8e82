using System.Collections.Concurrent;
using System.Threading.Channels;

namespace GccSaaS.IntegrationTests.Api.Harness;

/// <summary>
/// Test-only: lets a test hold a harness write inside its handler (to send a second request while the
/// first still runs) and counts handler invocations that leave no row behind (refusals, crashes).
/// </summary>
public sealed class HarnessProbe
{
    private readonly Channel<string> _entered = Channel.CreateUnbounded<string>();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentDictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    public void Invoked(string name) => Invocations.AddOrUpdate(name, 1, (_, n) => n + 1);

    public int InvocationsOf(string name) => Invocations.GetValueOrDefault(name);

    public async Task HoldAsync(string name, CancellationToken cancellationToken)
    {
        var release = _release.Task;
        _entered.Writer.TryWrite(name);
        await release.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until a held request is inside its handler.</summary>
    public async Task<string> EnteredAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _entered.Reader.ReadAsync(timeout.Token);
    }

    public void ReleaseAll() => Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
}
