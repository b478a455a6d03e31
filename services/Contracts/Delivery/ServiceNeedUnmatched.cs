namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A planned item found no provider to deliver it: <c>no-eligible-provider</c> (none approved, offering it there, with
/// room and valid certificates) or <c>no-contract</c> (none covered by a purchase contract). An unmet need for supervision;
/// it is met once a work order for the household and item is created.
/// </summary>
public sealed record ServiceNeedUnmatched(Guid PlanId, Guid HouseholdId, string TownshipCode, string ItemCode, string ReasonCode, DateTimeOffset OccurredAt)
    : ITownshipEvent;
