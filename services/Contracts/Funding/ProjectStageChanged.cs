namespace ReliefPlatform.Contracts.Funding;

/// <summary>
/// A purchase project moved to another stage, approved by a second person: <c>Initiated</c> (立项),
/// <c>MidTermReviewed</c> (中期), <c>Rectifying</c> or <c>Accepted</c> (验收, with the outcome Pass/Rectify/Fail), <c>Closed</c>.
/// </summary>
public sealed record ProjectStageChanged(
    Guid ProjectId, int Year, string ProjectCode, string FromStage, string ToStage, string? Outcome, int? Score, DateTimeOffset OccurredAt) : IIntegrationEvent;
