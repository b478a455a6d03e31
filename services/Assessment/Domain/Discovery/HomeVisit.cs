using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Domain.Discovery;

/// <summary>
/// A visit to a household (走访) by township staff or a village visitor: what was found (kept encrypted, it may
/// speak of health), the alert it answered, and the assessment it started when answers were taken.
/// </summary>
public sealed class HomeVisit : ITownshipOwned
{
    private HomeVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public Guid? AlertId { get; private set; }

    public AssessmentPlace Place { get; private set; }

    public DateTimeOffset VisitedAt { get; private set; }

    /// <summary>The finding, encrypted by the personal-data protector.</summary>
    public string ProtectedFinding { get; private set; } = "";

    public Guid? AssessmentId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static HomeVisit Record(
        Guid householdId, string townshipCode, Guid? alertId, AssessmentPlace place, DateTimeOffset visitedAt, string protectedFinding,
        Guid? assessmentId, string by, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            TownshipCode = townshipCode,
            AlertId = alertId,
            Place = place,
            VisitedAt = visitedAt.ToUniversalTime(),
            ProtectedFinding = protectedFinding,
            AssessmentId = assessmentId,
            RecordedBy = by,
            RecordedAt = now,
        };
}
