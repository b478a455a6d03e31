namespace ReliefPlatform.Delivery.Domain.Coordination;

/// <summary>An action item a meeting decided: what is to be done, the department that owns it, the due date; followed until done.</summary>
public sealed class MeetingAction
{
    private MeetingAction()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    /// <summary>The decision and what is to be done (sealed at rest: it may be about a household).</summary>
    public string Decision { get; private set; } = "";

    /// <summary>The owning department or mass organisation (its officers see and close it).</summary>
    public string Owner { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>Progress notes in order, each "yyyy-MM-dd: note" (sealed with the rest).</summary>
    public List<string> FollowUps { get; private set; } = [];

    public DateTimeOffset? DoneAt { get; private set; }

    public string? DoneBy { get; private set; }

    public string? Result { get; private set; }

    public bool IsDone => DoneAt is not null;

    /// <summary>Not done and its due day has passed (county days).</summary>
    public bool IsOverdue(DateOnly today) => !IsDone && DueOn < today;

    internal static MeetingAction Assign(Guid meetingId, string decision, string owner, DateOnly dueOn, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        MeetingId = meetingId,
        Decision = decision,
        Owner = owner,
        DueOn = dueOn,
        AssignedAt = at,
    };

    public void FollowUp(string note)
    {
        if (IsDone)
        {
            throw new InvalidOperationException("事项已办结。");
        }

        FollowUps.Add(note);
    }

    public void Complete(string result, string by, DateTimeOffset at)
    {
        if (IsDone)
        {
            throw new InvalidOperationException("事项已办结。");
        }

        Result = result;
        DoneBy = by;
        DoneAt = at;
    }
}
