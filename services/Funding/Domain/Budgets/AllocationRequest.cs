using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Funding.Domain.Budgets;

/// <summary>
/// A proposal to put money on a budget line (allocation) or move it from one line to another (re-allocation).
/// It changes nothing until a second person — not the proposer — approves it.
/// </summary>
public sealed class AllocationRequest : ITownshipOwned
{
    private AllocationRequest()
    {
    }

    public Guid Id { get; private set; }

    public AllocationKind Kind { get; private set; }

    public int Year { get; private set; }

    public string SourceType { get; private set; } = "";

    public string ProjectCode { get; private set; } = "";

    public string TownshipCode { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    /// <summary>For a re-allocation: the line the money comes from.</summary>
    public Guid? FromLineId { get; private set; }

    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = "";

    public AllocationStatus Status { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTimeOffset ProposedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public BudgetKey Target => new(Year, SourceType, ProjectCode, TownshipCode, ItemCode);

    public static AllocationRequest Propose(AllocationKind kind, BudgetKey target, Guid? fromLineId, decimal amount, string reason, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Kind = kind,
        Year = target.Year,
        SourceType = target.SourceType,
        ProjectCode = target.ProjectCode,
        TownshipCode = target.TownshipCode,
        ItemCode = target.ItemCode,
        FromLineId = fromLineId,
        Amount = amount,
        Reason = reason,
        Status = AllocationStatus.Proposed,
        ProposedBy = by,
        ProposedAt = at,
    };

    public void Approve(string by, DateTimeOffset at) => Decide(AllocationStatus.Approved, by, at, null);

    public void Reject(string by, DateTimeOffset at, string reason) => Decide(AllocationStatus.Rejected, by, at, reason);

    private void Decide(AllocationStatus to, string by, DateTimeOffset at, string? reason)
    {
        if (Status != AllocationStatus.Proposed)
        {
            throw new InvalidOperationException("该申请已经处理过。");
        }

        if (by == ProposedBy)
        {
            throw new InvalidOperationException("提出申请的人不能审批自己的申请，须由另一人审批。");
        }

        Status = to;
        DecidedBy = by;
        DecidedAt = at;
        RejectionReason = reason;
    }
}

public enum AllocationKind
{
    /// <summary>下达预算</summary>
    Allocation,

    /// <summary>调剂预算</summary>
    Reallocation,
}

public enum AllocationStatus
{
    Proposed,
    Approved,
    Rejected,
}
