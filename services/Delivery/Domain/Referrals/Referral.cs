using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.Referrals;

/// <summary>
/// A referral (转介, 资源链接) of a household to a department or mass organisation for a need outside the
/// catalogue, followed until it is completed or declined — the loop that referral systems usually lose. The
/// department's officers work it; it is due by a deadline of its kind, and escalates to the hub and the township
/// when that passes. An approved assessment whose needs belong to a department suggests one, which the hub sends.
/// </summary>
public sealed class Referral : ITownshipOwned
{
    private Referral()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string Department { get; private set; } = "";

    /// <summary>The referral kind (a need code of the instrument, e.g. <c>education-support</c>), when it has one; its deadline follows it.</summary>
    public string? Kind { get; private set; }

    /// <summary>The approved assessment that suggested it, if one did.</summary>
    public Guid? AssessmentId { get; private set; }

    /// <summary>The need, briefly; may touch on health, so it is never logged or sent in events.</summary>
    public string Need { get; private set; } = "";

    public ReferralStatus Status { get; private set; }

    /// <summary>When it was sent to the department (for a suggestion: when it was suggested, until it is sent).</summary>
    public DateTimeOffset SentAt { get; private set; }

    public string SentBy { get; private set; } = "";

    /// <summary>When the department must have finished it (completed or declined); none while only suggested.</summary>
    public DateTimeOffset? DueBy { get; private set; }

    /// <summary>When its passed deadline was reported (escalated), once.</summary>
    public DateTimeOffset? OverdueReportedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>Departments and mass organisations a household can be referred to (the county's shared vocabulary).</summary>
    public static readonly IReadOnlyDictionary<string, string> Departments = ReliefPlatform.Contracts.Departments.Referable;

    /// <summary>Still the department's to do (or the hub's to send).</summary>
    public static readonly ReferralStatus[] Open = [ReferralStatus.Suggested, ReferralStatus.Sent, ReferralStatus.Accepted];

    public static Referral Send(Guid householdId, string townshipCode, string department, string? kind, string need, string by, DateTimeOffset at, int dueDays) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        Department = department,
        Kind = kind,
        Need = need,
        Status = ReferralStatus.Sent,
        SentAt = at,
        SentBy = by,
        DueBy = at.AddDays(dueDays),
    };

    /// <summary>A referral an approved assessment suggests: the hub reads it and sends it (or dismisses it); the department does not see it yet.</summary>
    public static Referral Suggest(Guid householdId, string townshipCode, string department, string kind, string need, Guid assessmentId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        Department = department,
        Kind = kind,
        AssessmentId = assessmentId,
        Need = need,
        Status = ReferralStatus.Suggested,
        SentAt = at,
        SentBy = "assessment",
    };

    /// <summary>The hub sends a suggested referral; its deadline runs from now.</summary>
    public void SendSuggested(string by, DateTimeOffset at, int dueDays)
    {
        Require("只有建议中的转介可以发出。", ReferralStatus.Suggested);
        SentAt = at;
        SentBy = by;
        DueBy = at.AddDays(dueDays);
        Status = ReferralStatus.Sent;
    }

    public void Dismiss(string reason, DateTimeOffset at)
    {
        Require("只有建议中的转介可以不予转介。", ReferralStatus.Suggested);
        Finish(ReferralStatus.Dismissed, reason, at);
    }

    public void Accept(DateTimeOffset at)
    {
        Require("只有已发出的转介可以接收。", ReferralStatus.Sent);
        AcceptedAt = at;
        Status = ReferralStatus.Accepted;
    }

    public void Complete(string outcome, DateTimeOffset at)
    {
        Require("只有已接收的转介可以办结。", ReferralStatus.Accepted);
        Finish(ReferralStatus.Completed, outcome, at);
    }

    public void Decline(string reason, DateTimeOffset at)
    {
        Require("已办结或已退回的转介不能再退回。", ReferralStatus.Sent, ReferralStatus.Accepted);
        Finish(ReferralStatus.Declined, reason, at);
    }

    /// <summary>Sent or accepted and past its deadline: the department is late.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status is ReferralStatus.Sent or ReferralStatus.Accepted && DueBy < now;

    /// <summary>Marks the passed deadline reported; false when it is not overdue or was reported already (escalated once).</summary>
    public bool ReportOverdue(DateTimeOffset now)
    {
        if (!IsOverdue(now) || OverdueReportedAt is not null)
        {
            return false;
        }

        OverdueReportedAt = now;
        return true;
    }

    private void Finish(ReferralStatus to, string outcome, DateTimeOffset at)
    {
        Outcome = outcome;
        FinishedAt = at;
        Status = to;
    }

    private void Require(string message, params ReferralStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidOperationException(message);
        }
    }
}

public enum ReferralStatus
{
    Sent,
    Accepted,
    Completed,
    Declined,

    /// <summary>Suggested by an approved assessment, not yet sent by the hub.</summary>
    Suggested,

    /// <summary>A suggestion the hub decided not to send (with its reason).</summary>
    Dismissed,
}
