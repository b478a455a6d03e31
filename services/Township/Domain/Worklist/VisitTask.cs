namespace ReliefPlatform.Township.Domain.Worklist;

public enum VisitTaskKind
{
    /// <summary>主动发现预警: a situation proactive discovery found; visit by the due date.</summary>
    DiscoveryVisit,

    /// <summary>复评: the household's reassessment falls due.</summary>
    Reassessment,

    /// <summary>低满意度回访: a service was rated 1 or 2; call on the household.</summary>
    LowSatisfaction,
}

public enum VisitTaskState
{
    Open,
    Done,
}

/// <summary>
/// A visit on the township's worklist, raised from the hub's events. The same situation (kind + source) raises
/// one open task: a repeated event moves its due date, never doubles it.
/// </summary>
public sealed class VisitTask
{
    private VisitTask()
    {
    }

    public Guid Id { get; private set; }

    public VisitTaskKind Kind { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string VillageCode { get; private set; } = "";

    /// <summary>What raised it: the alert, the household (reassessment) or the work order (low satisfaction).</summary>
    public Guid SourceId { get; private set; }

    /// <summary>A code saying why: the discovery rule, the household's degree, or the score given.</summary>
    public string Reason { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public VisitTaskState State { get; private set; }

    /// <summary>The village visitor (user id) the township assigned it to.</summary>
    public string? AssignedTo { get; private set; }

    public string? DoneBy { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public static VisitTask Raise(VisitTaskKind kind, Guid householdId, string villageCode, Guid sourceId, string reason, DateOnly dueOn, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Kind = kind,
        HouseholdId = householdId,
        VillageCode = villageCode,
        SourceId = sourceId,
        Reason = reason,
        DueOn = dueOn,
        State = VisitTaskState.Open,
        RaisedAt = at,
    };

    public bool IsOverdue(DateOnly today) => State == VisitTaskState.Open && DueOn < today;

    public void Reschedule(DateOnly dueOn, string reason)
    {
        DueOn = dueOn;
        Reason = reason;
    }

    public void AssignTo(string visitor) => AssignedTo = visitor;

    /// <summary>The village of a task raised before its household was known here.</summary>
    public void InVillage(string villageCode)
    {
        if (VillageCode.Length == 0)
        {
            VillageCode = villageCode;
        }
    }

    public void Complete(string by, DateTimeOffset at)
    {
        if (State == VisitTaskState.Done)
        {
            return;
        }

        State = VisitTaskState.Done;
        DoneBy = by;
        DoneAt = at;
    }
}
