namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// Why a delivered service's record is put in front of supervision — the codes <see cref="ServiceDelivered.Flags"/>
/// carries, shared by Delivery (which sets them), Funding (which counts them) and the township centres (which show them).
/// </summary>
public static class ServiceRecordFlags
{
    /// <summary>Shorter than the item's minutes per session.</summary>
    public const string TooShort = "short";

    /// <summary>Some of the item's required content is not among what the record says was done.</summary>
    public const string MissingContent = "missing-content";

    /// <summary>No evidence referenced.</summary>
    public const string NoEvidence = "no-evidence";

    /// <summary>A home or centre service without the device's position at check-out.</summary>
    public const string NoLocation = "no-location";

    /// <summary>Checked out too far from where the service was checked in.</summary>
    public const string LocationMoved = "location-moved";
}
