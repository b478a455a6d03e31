namespace ReliefPlatform.Assessment.Apis;

/// <summary>Filters of the needs ledger (需求台账); every one optional, all combined.</summary>
/// <param name="Due"><c>due</c> (reassessment due within 30 days) or <c>overdue</c>.</param>
/// <param name="Sort"><c>registered</c> (newest first, the default), <c>due</c> (soonest reassessment first) or <c>score</c> (highest first).</param>
public sealed record LedgerFilter(
    string? TownshipCode,
    string? VillageCode,
    string? Category,
    string? Degree,
    string? Type,
    string? NeedCode,
    string? Status,
    string? Due,
    string? Sort,
    int? Page,
    int? PageSize);

public sealed record LedgerRow(
    Guid HouseholdId,
    string TownshipCode,
    string VillageCode,
    string Category,
    string CategoryName,
    string Status,
    int MemberCount,
    string? HeadName,
    string? HeadIdNumber,
    string? Degree,
    string? DegreeName,
    IReadOnlyList<string> DifficultyTypes,
    IReadOnlyList<string> NeedCodes,
    DateOnly? AssessedOn,
    DateOnly? ReassessmentDueOn,
    bool ReassessmentOverdue,
    DateTimeOffset RegisteredAt);

/// <param name="Total">Households matching, counted up to 10,000.</param>
/// <param name="MoreThanTotal">True when more than <paramref name="Total"/> match (narrow the filters to see them all).</param>
public sealed record LedgerPage(IReadOnlyList<LedgerRow> Items, int Page, int PageSize, int Total, bool MoreThanTotal);

public sealed record LedgerCount(string Key, int Households);

/// <summary>Counts for dashboards: households by township, by degree, by difficulty type, and how many await (re)assessment.</summary>
public sealed record LedgerSummary(
    int Households, int Assessed, int ReassessmentOverdue, IReadOnlyList<LedgerCount> ByTownship, IReadOnlyList<LedgerCount> ByDegree, IReadOnlyList<LedgerCount> ByType);
