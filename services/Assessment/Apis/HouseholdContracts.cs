using ReliefPlatform.Assessment.Domain.Households;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>Registering a household (依申请 or from a village visit).</summary>
/// <param name="TownshipCode">9-digit township code, one of the county's townships.</param>
/// <param name="VillageCode">12-digit village code within that township.</param>
/// <param name="Category">Category code (e.g. <c>MinimumLivingGuarantee</c>) or its Chinese name (e.g. <c>低保</c>).</param>
/// <param name="MemberCount">Number of people in the household, 1–30; when members are listed it may be left out.</param>
/// <param name="Address">Home address (encrypted at rest, shown only to callers who may unmask).</param>
/// <param name="Members">The household's members; each person can be registered once in the whole county.</param>
public sealed record RegisterHouseholdRequest(
    string? TownshipCode, string? VillageCode, string? Category, int? MemberCount, string? Address = null, IReadOnlyList<MemberRequest>? Members = null);

/// <param name="Name">Full name.</param>
/// <param name="IdNumber">18-character resident ID number (GB 11643).</param>
/// <param name="Relationship">户主, 配偶, 子女, 父母, 孙子女, 兄弟姐妹 or 其他 (or the English code).</param>
/// <param name="DisabilityType">视力, 听力, 言语, 肢体, 智力, 精神 or 多重, when the member holds a disability certificate.</param>
/// <param name="DisabilityGrade">1 (most severe) to 4, with a disability type.</param>
/// <param name="HasEffectiveGuardian">For members under 18: whether a guardian effectively cares for them.</param>
/// <param name="EmploymentStatus">在业, 灵活就业, 务农, 失业, 退休, 在校学生 or 丧失劳动能力 (or the English code), when known.</param>
public sealed record MemberRequest(
    string? Name,
    string? IdNumber,
    string? Relationship,
    string? DisabilityType = null,
    int? DisabilityGrade = null,
    bool? ChronicIllness = null,
    bool? LivingAlone = null,
    bool? HasEffectiveGuardian = null,
    string? EmploymentStatus = null);

public sealed record ExitHouseholdRequest(string? Reason);

public sealed record HouseholdResponse(
    Guid Id,
    string TownshipCode,
    string VillageCode,
    string Category,
    string CategoryName,
    int MemberCount,
    string Status,
    string? ExitReason,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<MemberResponse> Members)
{
    public static HouseholdResponse From(Household household, DateOnly today) => new(
        household.Id,
        household.TownshipCode,
        household.VillageCode,
        household.Category.ToString(),
        household.Category.ChineseName(),
        household.MemberCount,
        household.Status.ToString(),
        household.ExitReason,
        household.RegisteredAt,
        household.MembersInOrder.Select(m => MemberResponse.From(m, today)).ToList());
}

/// <summary>A member as every response shows it: masked name and ID number, age from the ID.</summary>
public sealed record MemberResponse(
    Guid Id,
    string Name,
    string IdNumber,
    int Age,
    string Gender,
    string Relationship,
    string? DisabilityType,
    int? DisabilityGrade,
    bool ChronicIllness,
    bool LivingAlone,
    bool? HasEffectiveGuardian,
    IReadOnlyList<string> Benefits,
    string? EmploymentStatus,
    string? EmploymentStatusCode,
    DateOnly? EmploymentStatusSince)
{
    public static MemberResponse From(Member member, DateOnly today) => new(
        member.Id,
        member.MaskedName,
        member.MaskedIdNumber,
        member.AgeOn(today),
        member.IsMale ? "男" : "女",
        member.Relationship.ChineseName(),
        member.DisabilityType?.ChineseName(),
        member.DisabilityGrade,
        member.ChronicIllness,
        member.LivingAlone,
        member.HasEffectiveGuardian,
        member.Benefits,
        member.EmploymentStatus?.ChineseName(),
        member.EmploymentStatus?.ToString(),
        member.EmploymentStatusSince);
}

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
