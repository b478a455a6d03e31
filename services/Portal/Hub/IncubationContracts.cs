namespace ReliefPlatform.Portal.Hub;

// What the 培育孵化 pages read of Provider's incubations API (states as the enum's names).

public sealed record IncubationSummary(
    Guid Id, string Subject, string ProviderKind, string Name, string? CreditCode, string? HomeTownship, string Purpose, string Status, string StatusName,
    DateOnly? PeriodFrom, DateOnly? PeriodUntil, int MilestonesReached, int Milestones, decimal SeedMoney, Guid? ProviderId);

public sealed record IncubationDetail(
    IncubationSummary Incubation, string ContactName, string ContactPhone, IReadOnlyList<IncubationSupport> Supports, IReadOnlyList<IncubationMilestone> Milestones,
    int? AssessmentScore, bool? AssessmentPassed, string? AssessmentNote, string? ClosedReason);

/// <param name="FundingReference">Seed money only: the reference Funding reserves it under.</param>
public sealed record IncubationSupport(
    Guid Id, string Kind, string KindName, string Description, DateOnly ProvidedOn, decimal? Amount, int? Year, string? ProjectCode, string? FundingReference,
    string? TownshipCode);

public sealed record IncubationMilestone(Guid Id, string Title, DateOnly Due, DateOnly? AchievedOn, string? Note);
