namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// The recipient confirmed the service (at the centre, by a visitor, or by phone) with a satisfaction score of 1–5.
/// Funding notes the actual amount (units × unit price) on the reservation, spent when the provider's statement is paid; Provider credits ratings and volunteer hours.
/// <paramref name="Migrated"/>: a confirmation from the county's records before the platform (its money was spent when it was migrated; never paid again).
/// <paramref name="ProjectCode"/>: the purchase project the order is paid from (older messages lack it; then it is learned from the order's creation).
/// </summary>
public sealed record ServiceConfirmed(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ProviderId, string ItemCode, int Units, decimal UnitPrice, decimal Amount, int Minutes, int Satisfaction,
    DateTimeOffset OccurredAt, bool Migrated = false, string? ProjectCode = null) : ITownshipEvent;
