namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A recipient scored a confirmed service 1–5 (the comment, free text, stays in Delivery). A low score (1–2) opens a
/// follow-up visit at the township — unless <paramref name="Migrated"/>: a score from the county's records before the platform, long past following up.
/// </summary>
public sealed record SatisfactionRecorded(
    Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ProviderId, string ItemCode, int Score, bool HasComment, DateTimeOffset OccurredAt,
    bool Migrated = false)
    : ITownshipEvent;
