namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A planned item — or one period of a recurring one — went without a provider: <c>no-eligible-provider</c> (none
/// approved, offering it there, with room and valid certificates), <c>no-contract</c> (none covered by a purchase
/// contract), <c>contract-cap</c> (its contract had no units left for the period), <c>no-funds</c> (no budget could reserve the order's money) or <c>provider-suspended</c> (its provider was
/// suspended or left the network, and no other eligible, contracted provider could take it). An unmet need for supervision; it is met once
/// a work order for the household and item is created.
/// </summary>
public sealed record ServiceNeedUnmatched(Guid PlanId, Guid HouseholdId, string TownshipCode, string ItemCode, string ReasonCode, DateTimeOffset OccurredAt)
    : ITownshipEvent;
