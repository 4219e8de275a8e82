namespace GccSaaS.BuildingBlocks.Messaging;

/// <summary>The correlation id of the current flow (<c>MS-CorrelationId</c>), carried into the outbox.</summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> Value = new();

    public static string? Current => Value.Value;

    public static IDisposable Begin(string correlationId)
    {
        var previous = Value.Value;
        Value.Value = correlationId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Value.Value = previous;
    }
}

/// <summary>The outbox message being handled, so handlers can record it in their inbox.</summary>
public static class MessageContext
{
    private static readonly AsyncLocal<Guid?> Value = new();

    public static Guid? CurrentMessageId => Value.Value;

    internal static IDisposable Begin(Guid messageId)
    {
        var previous = Value.Value;
        Value.Value = messageId;
        return new Restore(previous);
    }

    private sealed class Restore(Guid? previous) : IDisposable
    {
        public void Dispose() => Value.Value = previous;
    }
}
