namespace ReliefPlatform.Funding.Domain.Statements;

/// <summary>
/// A provider's monthly statement (服务结算单) under one contract: the month's confirmed services not yet on a statement,
/// flagged records held back until reviewed (released, or deducted with a reason), approved by a second person, then paid
/// in a payment batch. Only then is the money spent on the budget lines.
/// </summary>
public sealed class ProviderStatement
{
    private readonly List<StatementLine> _lines = [];

    private ProviderStatement()
    {
    }

    public Guid Id { get; private set; }

    public string ProviderId { get; private set; } = "";

    public Guid ContractId { get; private set; }

    public string ContractNumber { get; private set; } = "";

    public int Year { get; private set; }

    public string ProjectCode { get; private set; } = "";

    /// <summary>The first day of the county-time month the services were confirmed in.</summary>
    public DateOnly Month { get; private set; }

    public StatementStatus Status { get; private set; }

    public string PreparedBy { get; private set; } = "";

    public DateTimeOffset PreparedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public Guid? PaymentBatchId { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public IReadOnlyList<StatementLine> Lines => _lines;

    public decimal Total => _lines.Sum(l => l.Amount);

    public decimal Deducted => _lines.Sum(l => l.Deduction);

    public decimal Payable => _lines.Sum(l => l.Payable);

    public int Held => _lines.Count(l => l.Review == LineReview.Held);

    public static ProviderStatement Draw(
        string providerId, Guid contractId, string contractNumber, int year, string projectCode, DateOnly month,
        IEnumerable<(Guid WorkOrderId, Guid HouseholdId, string TownshipCode, string ItemCode, decimal Amount, DateTimeOffset ConfirmedAt, IReadOnlyList<string> Flags)> services,
        string by, DateTimeOffset at)
    {
        var statement = new ProviderStatement
        {
            Id = Guid.CreateVersion7(at),
            ProviderId = providerId,
            ContractId = contractId,
            ContractNumber = contractNumber,
            Year = year,
            ProjectCode = projectCode,
            Month = month,
            Status = StatementStatus.Draft,
            PreparedBy = by,
            PreparedAt = at,
        };
        statement._lines.AddRange(services.Select(s => StatementLine.Of(statement.Id, s.WorkOrderId, s.HouseholdId, s.TownshipCode, s.ItemCode, s.Amount, s.ConfirmedAt, s.Flags)));
        if (statement._lines.Count == 0)
        {
            throw new StatementStateException("该月没有可结算的已确认服务。");
        }

        return statement;
    }

    public void Release(Guid workOrderId, string reason, string by) => Line(workOrderId).Release(reason, by);

    public void Deduct(Guid workOrderId, decimal deduction, string reason, string by) => Line(workOrderId).Deduct(deduction, reason, by);

    /// <summary>A second person approves: never the one who drew it up, and only once every held record is reviewed.</summary>
    public void Approve(string by, DateTimeOffset at)
    {
        EnsureDraft();
        if (by == PreparedBy)
        {
            throw new StatementStateException("编制结算单的人不能审批自己的结算单，须由另一人审批。");
        }

        if (Held > 0)
        {
            throw new StatementStateException($"还有 {Held} 条暂缓结算的服务记录未审核（核实后放行或扣减），不能审批。");
        }

        Status = StatementStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = at;
    }

    public void MarkPaid(Guid batchId, DateTimeOffset at)
    {
        if (Status != StatementStatus.Approved)
        {
            throw new StatementStateException(Status == StatementStatus.Paid ? "该结算单已拨付。" : "结算单尚未审批，不能拨付。");
        }

        Status = StatementStatus.Paid;
        PaymentBatchId = batchId;
        PaidAt = at;
    }

    private StatementLine Line(Guid workOrderId)
    {
        EnsureDraft();
        return _lines.Find(l => l.WorkOrderId == workOrderId) ?? throw new StatementStateException("该结算单上没有这条服务记录。");
    }

    private void EnsureDraft()
    {
        if (Status != StatementStatus.Draft)
        {
            throw new StatementStateException(Status == StatementStatus.Paid ? "该结算单已拨付。" : "该结算单已审批，不能再改。");
        }
    }
}
