namespace ReliefPlatform.Assessment.Domain.Imports;

public enum ImportJobStatus
{
    /// <summary>The file is stored; a worker will pick the job up.</summary>
    Queued,

    Running,

    /// <summary>Asked to stop; the worker stops after the batch it is writing.</summary>
    Cancelling,

    /// <summary>Stopped part-way: what was written stays; it can be resumed or rolled back.</summary>
    Cancelled,

    /// <summary>Stopped by an error that is not a row's (unreadable file, missing columns); resumable after the cause is fixed, or rolled back.</summary>
    Failed,

    Completed,

    /// <summary>Everything the job wrote was undone.</summary>
    RolledBack,
}

public enum ImportFormat
{
    Csv,
    JsonLines,
}
