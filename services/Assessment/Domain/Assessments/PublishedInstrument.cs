namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>A published instrument version as stored; never changed after publishing.</summary>
public sealed class PublishedInstrument
{
    private PublishedInstrument()
    {
    }

    public int Version { get; private set; }

    public string Definition { get; private set; } = "";

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public static PublishedInstrument Publish(Instrument instrument, string publishedBy, DateTimeOffset now) => new()
    {
        Version = instrument.Version,
        Definition = InstrumentJson.Serialize(instrument),
        PublishedAt = now,
        PublishedBy = publishedBy,
    };

    public Instrument Read() => InstrumentJson.Deserialize<Instrument>(Definition);
}
