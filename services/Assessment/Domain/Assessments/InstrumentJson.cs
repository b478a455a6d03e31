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

    /// <summary>The instrument the county started with (version 1), shipped with the service.</summary>
    public static Instrument Default() => Read("DefaultInstrument.json");

    /// <summary>
    /// Every version shipped with the service, oldest first: version 2 adds the difficulty types of 教育, 居住 and 就业
    /// and the needs that go to departments (助学, 就业, 危房改造, 就医). A database gets each one it has not published.
    /// </summary>
    public static IReadOnlyList<Instrument> Shipped() => [Default(), Read("InstrumentVersion2.json")];

    private static Instrument Read(string resource)
    {
        using var stream = typeof(InstrumentJson).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The shipped instrument {resource} is missing from the build.");
        return JsonSerializer.Deserialize<Instrument>(stream, Options) ?? throw new InvalidOperationException($"The shipped instrument {resource} is empty.");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Empty JSON.");
}
