namespace ReliefPlatform.Contracts.Forwarding;

/// <summary>A home visit (走访) for Assessment's <c>POST /api/assessment/households/{id}/visits</c>.</summary>
public sealed record ForwardedVisit(
    Guid? AlertId, string Place, DateTimeOffset VisitedAt, string Finding, IReadOnlyDictionary<string, string[]>? Answers, string? StatedRequests)
    : IForwardedRecord;
