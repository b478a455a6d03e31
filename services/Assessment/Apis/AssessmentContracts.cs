using ReliefPlatform.Assessment.Domain.Assessments;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>A home visit or centre assessment as the visitor records it.</summary>
/// <param name="Place"><c>home</c> (入户) or <c>centre</c> (在乡镇服务中心).</param>
/// <param name="VisitedAt">When the visit took place; not in the future, not more than a year ago.</param>
/// <param name="Answers">Indicator code → chosen option codes, for every indicator of the current instrument.</param>
/// <param name="StatedRequests">What the household asked for, in its own words (encrypted at rest).</param>
public sealed record AssessmentRequest(string? Place, DateTimeOffset? VisitedAt, Dictionary<string, string[]>? Answers, string? StatedRequests);

public sealed record ReturnAssessmentRequest(string? Reason);

public sealed record AssessmentResponse(
    Guid Id,
    Guid HouseholdId,
    string TownshipCode,
    int InstrumentVersion,
    string Place,
    DateTimeOffset VisitedAt,
    string Status,
    decimal Score,
    string Degree,
    string DegreeName,
    IReadOnlyList<string> DifficultyTypes,
    IReadOnlyList<string> NeedCodes,
    AssessmentResult Result,
    IReadOnlyDictionary<string, string[]> Answers,
    string? StatedRequests,
    string CreatedBy,
    string? SubmittedBy,
    string? ReviewedBy,
    string? ReturnReason);
