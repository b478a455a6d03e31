namespace ReliefPlatform.Contracts.Assessments;

/// <summary>A household's reassessment falls due soon or is overdue: a visit task for its township.</summary>
public sealed record ReassessmentDue(
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    string Degree,
    DateOnly DueOn,
    DateTimeOffset OccurredAt) : ITownshipEvent;
