namespace ReliefPlatform.Delivery.Domain.Coordination;

/// <summary>
/// A coordination meeting (协调会商) the county hub convenes with departments and mass organisations: its kind, the day,
/// who is invited, the households put on the agenda (by id), who attended, and the action items it decided — each owned
/// by one department with a due date, followed until done.
/// </summary>
public sealed class Meeting
{
    private readonly List<MeetingAction> _actions = [];

    private Meeting()
    {
    }

    public Guid Id { get; private set; }

    public MeetingKind Kind { get; private set; }

    /// <summary>What the meeting is about, briefly (may touch on a case: sealed at rest, never logged).</summary>
    public string Subject { get; private set; } = "";

    public DateOnly HeldOn { get; private set; }

    /// <summary>Department and mass-organisation codes invited (<see cref="ReliefPlatform.Contracts.Departments.Referable"/>).</summary>
    public string[] Invited { get; private set; } = [];

    /// <summary>Households on the agenda, by id only.</summary>
    public Guid[] Cases { get; private set; } = [];

    /// <summary>Who came, once recorded; a subset of the invited.</summary>
    public string[] Attended { get; private set; } = [];

    public bool AttendanceRecorded { get; private set; }

    public DateTimeOffset ConvenedAt { get; private set; }

    public string ConvenedBy { get; private set; } = "";

    public IReadOnlyList<MeetingAction> Actions => _actions;

    public static Meeting Convene(MeetingKind kind, string subject, DateOnly heldOn, IEnumerable<string> invited, IEnumerable<Guid> cases, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Kind = kind,
        Subject = subject,
        HeldOn = heldOn,
        Invited = [.. invited.Distinct(StringComparer.Ordinal)],
        Cases = [.. cases.Distinct()],
        ConvenedAt = at,
        ConvenedBy = by,
    };

    /// <summary>Records who attended: only invited departments, and not before the meeting's day.</summary>
    public void RecordAttendance(IReadOnlyCollection<string> attended, DateOnly today)
    {
        if (today < HeldOn)
        {
            throw new InvalidOperationException("会议尚未召开，不能登记出席。");
        }

        if (attended.FirstOrDefault(d => !Invited.Contains(d, StringComparer.Ordinal)) is { } stranger)
        {
            throw new InvalidOperationException($"“{stranger}”不在本次会议的邀请名单中。");
        }

        Attended = [.. attended.Distinct(StringComparer.Ordinal)];
        AttendanceRecorded = true;
    }

    /// <summary>A decision with its action item: owned by an invited department, due on a day not before the meeting.</summary>
    public MeetingAction Decide(string decision, string owner, DateOnly dueOn, DateTimeOffset at)
    {
        if (!Invited.Contains(owner, StringComparer.Ordinal))
        {
            throw new InvalidOperationException("事项须由受邀的部门或组织承办。");
        }

        if (dueOn < HeldOn)
        {
            throw new InvalidOperationException("办结期限不能早于会议日期。");
        }

        var action = MeetingAction.Assign(Id, decision, owner, dueOn, at);
        _actions.Add(action);
        return action;
    }
}

public enum MeetingKind
{
    /// <summary>联席会议: the standing multi-department meeting.</summary>
    JointMeeting,

    /// <summary>个案会商: households whose needs cross departments.</summary>
    CaseConference,

    /// <summary>专题协调: one policy or resource question.</summary>
    TopicCoordination,
}
