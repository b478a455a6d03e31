namespace ReliefPlatform.Contracts.Households;

/// <summary>A household entered the county's low-income registry.</summary>
public sealed record HouseholdRegistered(
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    string Category,
    int MemberCount,
    DateTimeOffset OccurredAt) : ITownshipEvent;
