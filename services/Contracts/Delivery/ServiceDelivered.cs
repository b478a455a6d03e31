namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// The provider checked out of a service: the units delivered at the order's unit price, waiting for the recipient's confirmation.
/// <paramref name="Flags"/>: why supervision should look at the record (short, missing-content, no-evidence, no-location, location-moved).
/// <paramref name="Migrated"/>: a service delivered before the platform, from the county's records (its order is closed; nothing waits for it).
/// <paramref name="ProjectCode"/>: the purchase project the order is paid from (older messages lack it; then it is learned from the order's creation).
/// </summary>
public sealed record ServiceDelivered(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ProviderId, string ItemCode, int Units, decimal UnitPrice, int Minutes, bool FlaggedShort,
    DateTimeOffset OccurredAt, IReadOnlyList<string>? Flags = null, bool Migrated = false, string? ProjectCode = null) : ITownshipEvent;
