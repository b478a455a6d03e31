namespace ReliefPlatform.Contracts.Delivery;

/// <summary>The resident accepted the resolution of a complaint: it is off the township's list.</summary>
public sealed record ComplaintClosed(Guid ComplaintId, Guid HouseholdId, string TownshipCode, DateTimeOffset OccurredAt) : ITownshipEvent;
