using ReliefPlatform.Assessment.Domain.Households;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>Registering a household (依申请 or from a village visit).</summary>
/// <param name="TownshipCode">9-digit township code, one of the county's townships.</param>
/// <param name="VillageCode">12-digit village code within that township.</param>
/// <param name="Category">Category code (e.g. <c>MinimumLivingGuarantee</c>) or its Chinese name (e.g. <c>低保</c>).</param>
/// <param name="MemberCount">Number of members, 1–30.</param>
public sealed record RegisterHouseholdRequest(string? TownshipCode, string? VillageCode, string? Category, int? MemberCount);

public sealed record HouseholdResponse(
    Guid Id,
    string TownshipCode,
    string VillageCode,
    string Category,
    string CategoryName,
    int MemberCount,
    string Status,
    DateTimeOffset RegisteredAt)
{
    public static HouseholdResponse From(Household household) => new(
        household.Id,
        household.TownshipCode,
        household.VillageCode,
        household.Category.ToString(),
        household.Category.ChineseName(),
        household.MemberCount,
        household.Status.ToString(),
        household.RegisteredAt);
}

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
