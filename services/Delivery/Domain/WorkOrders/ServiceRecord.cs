using ReliefPlatform.Contracts.Delivery;

namespace ReliefPlatform.Delivery.Domain.WorkOrders;

/// <summary>Where a service was given: at the household's home, at a centre, or remotely (telephone, video).</summary>
public enum ServicePlace
{
    Home,
    Centre,
    Remote,
}

/// <summary>A position reported by the provider's device at check-in or check-out (WGS-84 degrees).</summary>
public sealed record GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusMetres = 6_371_000;

    public static bool IsValid(double? latitude, double? longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public double MetresTo(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>
/// What the provider records at check-out (服务记录): the units given, what was done in words, which of the item's
/// required content (服务标准必含内容) was covered, who gave it (staff numbers), references to evidence (photos,
/// signed sheets — stored elsewhere, referenced here), where it happened and the device's position (used for the
/// checks below and then dropped: only whether it was reported and how far it moved are kept).
/// </summary>
public sealed record ServiceRecord(
    int Units,
    string Text,
    IReadOnlyList<string> ContentDone,
    IReadOnlyList<string> Staff,
    IReadOnlyList<string> Evidence,
    ServicePlace Place = ServicePlace.Home,
    GeoPoint? Location = null);

/// <summary>
/// Which of the shared codes (<see cref="ServiceRecordFlags"/>) a finished service earns. A record is never refused
/// for these — the service happened — but the county sees each one.
/// </summary>
public static class RecordFlags
{
    public const string TooShort = ServiceRecordFlags.TooShort;
    public const string MissingContent = ServiceRecordFlags.MissingContent;
    public const string NoEvidence = ServiceRecordFlags.NoEvidence;
    public const string NoLocation = ServiceRecordFlags.NoLocation;

    /// <summary>Checked out more than <see cref="MaxMoveMetres"/> from where it checked in.</summary>
    public const string LocationMoved = ServiceRecordFlags.LocationMoved;

    public const double MaxMoveMetres = 1000;

    /// <summary>Every flag that applies to a finished service, in a fixed order.</summary>
    public static string[] For(int minutes, int standardMinutes, IReadOnlyList<string> requiredContent, ServiceRecord record, GeoPoint? checkedInAt)
    {
        var flags = new List<string>();
        if (minutes < standardMinutes)
        {
            flags.Add(TooShort);
        }

        if (requiredContent.Except(record.ContentDone, StringComparer.Ordinal).Any())
        {
            flags.Add(MissingContent);
        }

        if (record.Evidence.Count == 0)
        {
            flags.Add(NoEvidence);
        }

        if (record.Place != ServicePlace.Remote && record.Location is null)
        {
            flags.Add(NoLocation);
        }

        if (record.Location is { } end && checkedInAt is { } start && start.MetresTo(end) > MaxMoveMetres)
        {
            flags.Add(LocationMoved);
        }

        return [.. flags];
    }
}
