namespace ReliefPlatform.Contracts.Households;

/// <summary>
/// A household of the registry was corrected — a member added or removed, its category or its village (within the
/// township) changed — and stands now as given. Ids and codes only: never who was added or removed, nor the reason staff
/// gave. A move to another township is <see cref="HouseholdMoved"/>.
/// </summary>
/// <param name="Correction"><c>member-added</c>, <c>member-removed</c>, <c>category-changed</c> or <c>village-changed</c>.</param>
public sealed record HouseholdCorrected(
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    string Category,
    int MemberCount,
    string Correction,
    DateTimeOffset OccurredAt) : ITownshipEvent;
