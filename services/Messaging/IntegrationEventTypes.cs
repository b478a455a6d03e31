using System.Collections.Frozen;
using System.Text.Json;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Messaging;

/// <summary>Maps the stored type name of an outbox row back to its contract type, and (de)serialises payloads.</summary>
public static class IntegrationEventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(IIntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => NameOf(t), StringComparer.Ordinal);

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public static bool TryResolve(string name, out Type type) => ByName.TryGetValue(name, out type!);

    public static string Serialize(object @event, Type type) => JsonSerializer.Serialize(@event, type, SerializerOptions);

    public static object Deserialize(string payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, SerializerOptions)
        ?? throw new JsonException($"Outbox payload of {type.Name} deserialised to null.");
}
