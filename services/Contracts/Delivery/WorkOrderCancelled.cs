namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A work order was cancelled before the service was delivered; its reserved funds are released.</summary>
public sealed record WorkOrderCancelled(Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ReasonCode, DateTimeOffset OccurredAt) : ITownshipEvent;
