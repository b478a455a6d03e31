namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// A 1 MiB piece of an uploaded file, kept in the database so an accepted file survives any restart — sealed with the
/// personal-data key (the file names people and their ID numbers) until the import is final and the file deleted.
/// </summary>
public sealed class ImportFileChunk
{
    public Guid JobId { get; init; }

    public int Sequence { get; init; }

    public byte[] Data { get; init; } = [];

    /// <summary>False only for chunks stored in clear before sealing began; they still read, and the sweeper seals them.</summary>
    public bool Sealed { get; init; }
}

/// <summary>A refused row of an import, for the downloadable error report.</summary>
public sealed class ImportRowError
{
    public long Id { get; init; }

    public Guid JobId { get; init; }

    public long Line { get; init; }

    public string? HouseholdRef { get; init; }

    public string Field { get; init; } = "";

    public string Message { get; init; } = "";
}

/// <summary>A record as it was before an import changed it: the history a changed row keeps, and what a rollback restores.</summary>
public sealed class RecordHistory
{
    public long Id { get; init; }

    public string TableName { get; init; } = "";

    public Guid RecordId { get; init; }

    public Guid ImportJobId { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string Previous { get; init; } = "{}";
}
