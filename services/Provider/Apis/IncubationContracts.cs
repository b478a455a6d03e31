using ReliefPlatform.Provider.Domain.Incubations;

namespace ReliefPlatform.Provider.Apis;

/// <param name="ProviderKind">The provider kind it will register as when it graduates (not an individual's kind).</param>
/// <param name="CreditCode">Optional while incubating (it may register during incubation); required at graduation for the kinds that must show one.</param>
public sealed record IncubationApplication(
    IncubationSubject? Subject, string? ProviderKind, string? Name, string? CreditCode, string? Affiliation, string? HomeTownship, string? Purpose, ContactRequest? Contact);

public sealed record AdmissionRequest(DateOnly? From, DateOnly? Until);

/// <param name="Amount">Seed money only: yuan, with <paramref name="Year"/>, <paramref name="ProjectCode"/> and <paramref name="TownshipCode"/> of the budget it comes from.</param>
public sealed record SupportRequest(string? Kind, string? Description, DateOnly? ProvidedOn, decimal? Amount, int? Year, string? ProjectCode, string? TownshipCode = null);

public sealed record MilestoneRequest(string? Title, DateOnly? Due);

public sealed record AchievementRequest(DateOnly? On, string? Note);

public sealed record AssessmentRequest(int? Score, string? Note);

public sealed record GraduationRequest(string? CreditCode);

public sealed record IncubationSummary(
    Guid Id, IncubationSubject Subject, string ProviderKind, string Name, string? CreditCode, string? HomeTownship, string Purpose, IncubationStatus Status,
    string StatusName, DateOnly? PeriodFrom, DateOnly? PeriodUntil, int MilestonesReached, int Milestones, decimal SeedMoney, Guid? ProviderId);

public sealed record SupportResponse(
    Guid Id, string Kind, string KindName, string Description, DateOnly ProvidedOn, decimal? Amount, int? Year, string? ProjectCode, string? FundingReference,
    string? TownshipCode);

public sealed record MilestoneResponse(Guid Id, string Title, DateOnly Due, DateOnly? AchievedOn, string? Note);

public sealed record IncubationResponse(
    IncubationSummary Incubation, string ContactName, string ContactPhone, IReadOnlyList<SupportResponse> Supports, IReadOnlyList<MilestoneResponse> Milestones,
    int? AssessmentScore, bool? AssessmentPassed, string? AssessmentNote, string? ClosedReason);
