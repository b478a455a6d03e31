namespace ReliefPlatform.Contracts.Assessments;

/// <summary>
/// A household's needs assessment was approved: how badly it is in difficulty, of which types, and which
/// service needs follow. Codes only: degree <c>General|Serious|Severe</c>, type and need codes of the instrument.
/// </summary>
public sealed record NeedsAssessed(
    Guid AssessmentId,
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    int InstrumentVersion,
    string Degree,
    IReadOnlyList<string> DifficultyTypes,
    IReadOnlyList<string> NeedCodes,
    DateOnly ReassessmentDueOn,
    DateTimeOffset OccurredAt) : ITownshipEvent;
