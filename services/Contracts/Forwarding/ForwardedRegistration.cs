namespace ReliefPlatform.Contracts.Forwarding;

/// <summary>A household applying at the centre (依申请登记) for Assessment's <c>POST /api/assessment/households</c>.</summary>
public sealed record ForwardedRegistration(
    string TownshipCode, string VillageCode, string Category, int MemberCount, string? Address, IReadOnlyList<ForwardedApplicant> Members)
    : IForwardedRecord;

/// <summary>A member of an applying household; the applicant (户主) first.</summary>
public sealed record ForwardedApplicant(string Name, string IdNumber, string Relationship);
