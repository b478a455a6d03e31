namespace ReliefPlatform.Delivery.Domain.History;

/// <summary>Settings of the service-history migration (<c>History</c> in configuration).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>The first day of the county's pilot: no migrated service may be dated before it.</summary>
    public DateOnly PilotStarts { get; set; } = new(2025, 1, 1);

    /// <summary>Most records in one batch (all written or none).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 5000)]
    public int MaxRecords { get; set; } = 1000;
}
