namespace ReliefPlatform.Funding.Domain.Statements;

/// <summary>One confirmed service on a statement: the work order (ids and codes only), its confirmed amount, why it was held, and the review.</summary>
public sealed class StatementLine
{
    private StatementLine()
    {
    }

    public Guid StatementId { get; private set; }

    /// <summary>The work order; its money was reserved under this reference. A work order is on one statement only (unique).</summary>
    public Guid WorkOrderId { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    /// <summary>Units × unit price as confirmed by the recipient (yuan).</summary>
    public decimal Amount { get; private set; }

    public DateTimeOffset ConfirmedAt { get; private set; }

    /// <summary>Why supervision flagged the service record (short, missing-content, no-evidence, no-location, location-moved).</summary>
    public string[] Flags { get; private set; } = [];

    public LineReview Review { get; private set; }

    public decimal Deduction { get; private set; }

    public string? Reason { get; private set; }

    public string? ReviewedBy { get; private set; }

    /// <summary>What this line pays: nothing while held; the confirmed amount less any deduction.</summary>
    public decimal Payable => Review == LineReview.Held ? 0m : Amount - Deduction;

    internal static StatementLine Of(Guid statementId, Guid workOrderId, Guid householdId, string townshipCode, string itemCode, decimal amount, DateTimeOffset confirmedAt, IEnumerable<string> flags)
    {
        var line = new StatementLine
        {
            StatementId = statementId,
            WorkOrderId = workOrderId,
            HouseholdId = householdId,
            TownshipCode = townshipCode,
            ItemCode = itemCode,
            Amount = amount,
            ConfirmedAt = confirmedAt,
            Flags = [.. flags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        line.Review = line.Flags.Length > 0 ? LineReview.Held : LineReview.Payable;
        return line;
    }

    internal void Release(string reason, string by)
    {
        EnsureHeld();
        Review = LineReview.Released;
        Reason = reason;
        ReviewedBy = by;
    }

    internal void Deduct(decimal deduction, string reason, string by)
    {
        EnsureHeld();
        if (deduction <= 0m || deduction > Amount)
        {
            throw new StatementStateException($"扣减金额应在 0.01–{Amount:0.00} 元之间。");
        }

        Review = LineReview.Deducted;
        Deduction = deduction;
        Reason = reason;
        ReviewedBy = by;
    }

    private void EnsureHeld()
    {
        if (Review != LineReview.Held)
        {
            throw new StatementStateException("只有暂缓结算的服务记录需要审核。");
        }
    }
}
