namespace ReliefPlatform.Funding.Domain.Ledger;

/// <summary>Money reserved on a line for one piece of work (its reference, e.g. a work order id), until released or spent.</summary>
public sealed class Commitment
{
    private Commitment()
    {
    }

    public string Reference { get; private set; } = "";

    public Guid BudgetLineId { get; private set; }

    public decimal Amount { get; private set; }

    public decimal? SpentAmount { get; private set; }

    public CommitmentStatus Status { get; private set; }

    public DateTimeOffset CommittedAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public static Commitment Reserve(string reference, Guid lineId, decimal amount, DateTimeOffset at) =>
        new() { Reference = reference, BudgetLineId = lineId, Amount = amount, Status = CommitmentStatus.Committed, CommittedAt = at };

    public void Release(DateTimeOffset at) => Settle(CommitmentStatus.Released, null, at);

    public void Spend(decimal actual, DateTimeOffset at) => Settle(CommitmentStatus.Spent, actual, at);

    private void Settle(CommitmentStatus to, decimal? spent, DateTimeOffset at)
    {
        if (Status != CommitmentStatus.Committed)
        {
            throw new InvalidOperationException(Status == CommitmentStatus.Released ? "该笔预留资金已释放。" : "该笔预留资金已支出。");
        }

        Status = to;
        SpentAmount = spent;
        SettledAt = at;
    }
}

public enum CommitmentStatus
{
    Committed,
    Released,
    Spent,
}
