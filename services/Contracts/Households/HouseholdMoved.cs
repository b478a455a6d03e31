namespace ReliefPlatform.Contracts.Households;

/// <summary>
/// A household of the registry moved to another township (a correction of its village with a reason): the household and its
/// story now belong to <see cref="TownshipCode"/>'s centre; <see cref="FromTownshipCode"/>'s centre hands it over. It
/// stands as given (category, members, degree), and its needs are to be reassessed where it lives now, by
/// <see cref="ReassessOn"/>. Ids and codes only.
/// </summary>
/// <param name="TownshipCode">The township it moved to (the centre that takes it over).</param>
/// <param name="Degree">The degree of its current assessment (General, Serious, Severe), or empty when never assessed.</param>
public sealed record HouseholdMoved(
    Guid HouseholdId,
    string FromTownshipCode,
    string TownshipCode,
    string VillageCode,
    string Category,
    int MemberCount,
    string Degree,
    DateOnly ReassessOn,
    DateTimeOffset OccurredAt) : ITownshipEvent
{
    /// <summary>Both centres must hear of it — the one it left and the one it moved to — so it goes to every centre.</summary>
    string ITownshipEvent.RoutingKey => ITownshipEvent.CountyWide;
}
