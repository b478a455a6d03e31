namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// The recipient confirmed the service (at the centre, by a visitor, or by phone) with a satisfaction score of 1–5.
/// Funding notes the actual amount (units × unit price) on the reservation, spent when the provider's statement is paid; Provider credits ratings and volunteer hours.
/// <paramref name="Migrated"/>: a confirmation from the county's records before the platform (its money was spent when it was migrated; never paid again).
/// </summary>
public sealed record ServiceConfirmed(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ProviderId, string ItemCode, int Units, decimal UnitPrice, decimal Amount, int Minutes, int Satisfaction,
    DateTimeOffset OccurredAt, bool Migrated = false) : ITownshipEvent;
