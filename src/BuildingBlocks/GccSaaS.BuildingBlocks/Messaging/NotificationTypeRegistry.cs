using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using MediatR;

namespace GccSaaS.BuildingBlocks.Messaging;

/// <summary>
/// Maps outbox type names back to notification types. Only types that implement
/// <see cref="INotification"/> in registered assemblies resolve, so a row can never make the
/// dispatcher load an arbitrary type.
/// </summary>
public sealed class NotificationTypeRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);

    public void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(INotification).IsAssignableFrom(t)))
        {
            _types[NameOf(type)] = type;
        }
    }

    public Type? Resolve(string name) => _types.GetValueOrDefault(name);

    internal static string NameOf(Type type) => type.FullName ?? type.Name;

    internal static string Serialize(INotification notification) =>
        JsonSerializer.Serialize(notification, notification.GetType(), Json);

    internal static INotification Deserialize(string payload, Type type) =>
        (INotification)(JsonSerializer.Deserialize(payload, type, Json)
            ?? throw new InvalidOperationException($"Outbox payload for {type.FullName} is empty."));
}
