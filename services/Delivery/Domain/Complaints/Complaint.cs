using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.Complaints;

/// <summary>
/// A complaint (投诉) taken by staff on a resident's behalf: categorised, given a deadline, assigned, resolved,
/// and closed only when the resident accepts the resolution — or reopened when they do not. Overdue complaints
/// are escalated to the county.
/// </summary>
public sealed class Complaint : ITownshipOwned
{
    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public Guid? WorkOrderId { get; private set; }

    public ComplaintCategory Category { get; private set; }

    /// <summary>What the resident said, in staff's words. May name people: never logged or sent in events.</summary>
    public string Description { get; private set; } = "";

    public ComplaintStatus Status { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public string ReceivedBy { get; private set; } = "";

    public DateTimeOffset DueBy { get; private set; }

    public string? AssignedTo { get; private set; }

    public string? Resolution { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public int Reopened { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Days to resolve, by category: what touches a service or someone's safety is fastest.</summary>
    public static int DaysAllowed(ComplaintCategory category) => category switch
    {
        ComplaintCategory.NotDelivered or ComplaintCategory.Safety => 3,
        ComplaintCategory.ServiceQuality or ComplaintCategory.StaffConduct => 7,
        _ => 15,
    };

    public static Complaint Receive(Guid householdId, string townshipCode, Guid? workOrderId, ComplaintCategory category, string description, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        WorkOrderId = workOrderId,
        Category = category,
        Description = description,
        Status = ComplaintStatus.Received,
        ReceivedAt = at,
        ReceivedBy = by,
        DueBy = at.AddDays(DaysAllowed(category)),
    };

    public bool IsOverdue(DateTimeOffset now) => Status is ComplaintStatus.Received or ComplaintStatus.Assigned && now > DueBy;

    public void Assign(string to)
    {
        Require("已办结或待回访的投诉不能再分派。", ComplaintStatus.Received, ComplaintStatus.Assigned);
        AssignedTo = to;
        Status = ComplaintStatus.Assigned;
    }

    public void Resolve(string resolution, DateTimeOffset at)
    {
        Require("只有已受理或已分派的投诉可以答复处理结果。", ComplaintStatus.Received, ComplaintStatus.Assigned);
        Resolution = resolution;
        ResolvedAt = at;
        Status = ComplaintStatus.Resolved;
    }

    /// <summary>The resident accepts the resolution: the complaint is closed.</summary>
    public void Accept(DateTimeOffset at)
    {
        Require("只有已答复的投诉可以由投诉人确认。", ComplaintStatus.Resolved);
        ClosedAt = at;
        Status = ComplaintStatus.Closed;
    }

    /// <summary>The resident does not accept: back to work, with a fresh deadline.</summary>
    public void Reopen(DateTimeOffset at)
    {
        Require("只有已答复的投诉可以重新办理。", ComplaintStatus.Resolved);
        Reopened++;
        DueBy = at.AddDays(DaysAllowed(Category));
        Status = AssignedTo is null ? ComplaintStatus.Received : ComplaintStatus.Assigned;
    }

    private void Require(string message, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidOperationException(message);
        }
    }
}

public enum ComplaintCategory
{
    /// <summary>服务未提供</summary>
    NotDelivered,

    /// <summary>服务质量</summary>
    ServiceQuality,

    /// <summary>服务人员态度</summary>
    StaffConduct,

    /// <summary>人身或财产安全</summary>
    Safety,

    /// <summary>收费问题</summary>
    Fees,

    /// <summary>个人信息</summary>
    Privacy,

    /// <summary>其他</summary>
    Other,
}

public enum ComplaintStatus
{
    Received,
    Assigned,
    Resolved,
    Closed,
}
