using System.Collections.Concurrent;
using System.Text.Json;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Messaging;

/// <summary>
/// Names an outbox row's event type and maps the name back to the type. Only types that implement
/// <see cref="IIntegrationEvent"/> resolve, so a row can never make the relay load an arbitrary type.
/// </summary>
public static class IntegrationEventTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new(StringComparer.Ordinal);

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>"Namespace.Type, Assembly": stable across versions of the assembly.</summary>
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static bool TryResolve(string name, out Type type)
    {
        type = Resolved.GetOrAdd(name, static n =>
            Type.GetType(n, throwOnError: false) is { IsAbstract: false } t && typeof(IIntegrationEvent).IsAssignableFrom(t) ? t : null)!;
        return type is not null;
    }

    public static string Serialize(object @event, Type type) => JsonSerializer.Serialize(@event, type, SerializerOptions);

    public static object Deserialize(string payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, SerializerOptions)
        ?? throw new JsonException($"Outbox payload of {type.Name} deserialised to null.");
}
