namespace ReliefPlatform.Contracts.Households;

/// <summary>
/// Households one batch of a monitoring import added to the registry in one township: the bulk counterpart of
/// <see cref="HouseholdRegistered"/>, so an initial load of a county's hundreds of thousands of households costs
/// the broker and the consumers one message per batch and township, not one per household.
/// </summary>
public sealed record HouseholdsImported(Guid ImportJobId, string TownshipCode, IReadOnlyList<ImportedHousehold> Households, DateTimeOffset OccurredAt)
    : ITownshipEvent;

public sealed record ImportedHousehold(Guid HouseholdId, string VillageCode, string Category, int MemberCount);
