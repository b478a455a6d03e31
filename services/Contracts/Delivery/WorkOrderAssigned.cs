namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A work order's money is reserved (or it needs none): the provider has it, and must respond (agree a date) by
/// <see cref="RespondBy"/> and deliver by <see cref="CompleteBy"/> — the item's service levels.
/// </summary>
public sealed record WorkOrderAssigned(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ItemCode, string ProviderId, DateTimeOffset RespondBy, DateTimeOffset CompleteBy,
    DateTimeOffset OccurredAt) : ITownshipEvent;

/// <summary>A work order passed a deadline — <c>response</c> (no date agreed) or <c>completion</c> (not delivered); the township follows it up.</summary>
public sealed record WorkOrderDeadlineMissed(Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string Deadline, DateTimeOffset Due, DateTimeOffset OccurredAt)
    : ITownshipEvent;

/// <summary>
/// A work order moved to another provider before the service started (the first could not serve, the household
/// asked, …): the old provider's load drops, the new one's rises, and the deadlines run again from now.
/// </summary>
public sealed record WorkOrderReassigned(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ItemCode, string FromProviderId, string ToProviderId, string ReasonCode,
    DateTimeOffset RespondBy, DateTimeOffset CompleteBy, DateTimeOffset OccurredAt) : ITownshipEvent;
