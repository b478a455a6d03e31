namespace ReliefPlatform.Township.Domain.Referrals;

/// <summary>
/// A referral of a household of this township to a department, as the centre follows it: the department, the deadline,
/// whether it was escalated as overdue, and when it was finished (the need in words stays at the hub).
/// </summary>
public sealed class LocalReferral
{
    private LocalReferral()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string Department { get; private set; } = "";

    public DateTimeOffset DueBy { get; private set; }

    /// <summary>When the hub escalated it as overdue.</summary>
    public DateTimeOffset? OverdueSince { get; private set; }

    /// <summary>When the department completed or declined it.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public static LocalReferral Heard(Guid id, Guid householdId, string department, DateTimeOffset dueBy) => new()
    {
        Id = id,
        HouseholdId = householdId,
        Department = department,
        DueBy = dueBy,
    };

    /// <summary>Escalated; an escalation heard after the closing (events arrive in any order) leaves it closed.</summary>
    public void Overdue(DateTimeOffset at) => OverdueSince ??= at;

    public void Closed(DateTimeOffset at) => ClosedAt ??= at;
}
