namespace ReliefPlatform.Contracts.Assessments;

/// <summary>Proactive discovery found a situation in a household: a visit task for its township, due by <see cref="VisitDueOn"/>.</summary>
public sealed record DiscoveryAlertRaised(
    Guid AlertId,
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    string Rule,
    DateOnly VisitDueOn,
    DateTimeOffset OccurredAt) : ITownshipEvent;
