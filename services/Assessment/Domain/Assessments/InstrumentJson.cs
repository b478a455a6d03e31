using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>How instruments and results are written as JSON: in the database, in files, in the API.</summary>
public static class InstrumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The instrument the county starts with (version 1), shipped with the service.</summary>
    public static Instrument Default()
    {
        using var stream = typeof(InstrumentJson).Assembly.GetManifestResourceStream("DefaultInstrument.json")
            ?? throw new InvalidOperationException("The default instrument is missing from the build.");
        return JsonSerializer.Deserialize<Instrument>(stream, Options) ?? throw new InvalidOperationException("The default instrument is empty.");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Empty JSON.");
}
