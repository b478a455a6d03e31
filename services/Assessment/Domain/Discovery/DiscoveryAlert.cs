using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Domain.Discovery;

/// <summary>
/// A situation proactive discovery found, waiting for the township's visit. One open alert per person (or
/// household) and rule: the same situation seen again does not raise a second one.
/// </summary>
public sealed class DiscoveryAlert : ITownshipOwned
{
    private DiscoveryAlert()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>The member the alert is about, or the household itself for household-level rules.</summary>
    public Guid SubjectId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string VillageCode { get; private set; } = "";

    public string Rule { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public DateOnly VisitDueOn { get; private set; }

    public Guid? ImportJobId { get; private set; }

    public AlertStatus Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? Resolution { get; private set; }

    public static DiscoveryAlert Raise(
        Guid householdId, Guid subjectId, string townshipCode, string villageCode, string rule, DateTimeOffset now, DateOnly visitDueOn, Guid? importJobId) => new()
    {
        Id = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        SubjectId = subjectId,
        TownshipCode = townshipCode,
        VillageCode = villageCode,
        Rule = rule,
        RaisedAt = now,
        VisitDueOn = visitDueOn,
        ImportJobId = importJobId,
        Status = AlertStatus.Open,
    };

    public void Close(string by, string resolution, DateTimeOffset now)
    {
        if (Status == AlertStatus.Closed)
        {
            throw new InvalidOperationException("预警已关闭。");
        }

        Status = AlertStatus.Closed;
        ClosedBy = by;
        ClosedAt = now;
        Resolution = resolution;
    }
}
