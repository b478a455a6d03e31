namespace ReliefPlatform.Delivery.Domain.History;

/// <summary>
/// A service delivered before the platform, as the county's records give it, checked and bound to the purchase contract
/// it was bought under (which gives its project and budget year).
/// </summary>
/// <param name="Satisfaction">The recipient's score, 1–5, when the recipient confirmed the service; null when not confirmed.</param>
/// <param name="ConfirmedOn">The day the recipient confirmed (county day); null when not confirmed.</param>
public sealed record MigratedService(
    Guid HouseholdId, string TownshipCode, string ItemCode, string ProviderId, Guid ContractId, int Year, string ProjectCode, DateOnly DeliveredOn,
    int Units, int Minutes, decimal UnitPrice, int? Satisfaction, DateOnly? ConfirmedOn)
{
    /// <summary>Paper records keep the day, not the hour: a service is taken to start at 08:00 county time.</summary>
    public static readonly TimeOnly StartsAt = new(8, 0);

    /// <summary>… and a confirmation to be given at 20:00 county time (never before the service ended).</summary>
    public static readonly TimeOnly ConfirmedAtHour = new(20, 0);

    public bool Confirmed => Satisfaction is not null;

    public DateTimeOffset Started => CountyTime(DeliveredOn, StartsAt);

    public DateTimeOffset Ended => Started.AddMinutes(Minutes);

    public DateTimeOffset? ConfirmedAt => ConfirmedOn is { } on
        ? new[] { CountyTime(on, ConfirmedAtHour), Ended }.Max()
        : null;

    /// <summary>A county time, kept in UTC as every stored time is (PostgreSQL's timestamptz takes UTC only).</summary>
    private static DateTimeOffset CountyTime(DateOnly day, TimeOnly time) => new DateTimeOffset(day.ToDateTime(time), TimeSpan.FromHours(8)).ToUniversalTime();
}
