using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>How catalogue items are written as JSON: in the database, in the cache, in the API.</summary>
public static class CatalogueJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The catalogue the county starts with (version 1), shipped with the service.</summary>
    public static DefaultCatalogue Default()
    {
        using var stream = typeof(CatalogueJson).Assembly.GetManifestResourceStream("DefaultCatalogue.json")
            ?? throw new InvalidOperationException("The default catalogue is missing from the build.");
        return JsonSerializer.Deserialize<DefaultCatalogue>(stream, Options) ?? throw new InvalidOperationException("The default catalogue is empty.");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Empty JSON.");
}

public sealed record DefaultCatalogue(DateOnly EffectiveFrom, string Note, IReadOnlyList<ItemDefinition> Items);
