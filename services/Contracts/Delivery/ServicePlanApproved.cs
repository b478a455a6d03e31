namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A household's service plan was approved: the items it will receive, by code, at the frequency that applies.</summary>
public sealed record ServicePlanApproved(
    Guid PlanId, Guid HouseholdId, string TownshipCode, Guid AssessmentId, IReadOnlyList<PlannedItem> Items, DateTimeOffset OccurredAt) : ITownshipEvent;

public sealed record PlannedItem(string ItemCode, int Times, string Per);

/// <summary>
/// A household's service plan was drafted from the catalogue's matching and waits for a caseworker to edit and approve
/// it (the caseworker's queue; the township sees the plan is coming). Proposed item codes only.
/// </summary>
public sealed record ServicePlanDrafted(
    Guid PlanId, Guid HouseholdId, string TownshipCode, Guid AssessmentId, IReadOnlyList<string> ProposedItems, DateTimeOffset OccurredAt) : ITownshipEvent;
