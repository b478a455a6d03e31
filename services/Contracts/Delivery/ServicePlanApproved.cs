namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A household's service plan was approved: the items it will receive, by code, at the frequency that applies.</summary>
public sealed record ServicePlanApproved(
    Guid PlanId, Guid HouseholdId, string TownshipCode, Guid AssessmentId, IReadOnlyList<PlannedItem> Items, DateTimeOffset OccurredAt) : ITownshipEvent;

public sealed record PlannedItem(string ItemCode, int Times, string Per);
