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

    /// <summary>What the recipient confirmed the work at (yuan), still reserved until the provider is paid; null until confirmed.</summary>
    public decimal? ConfirmedAmount { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>The spend of a service migrated from the county's records: spent when it happened, never reserved, never paid again.</summary>
    public bool Migrated { get; private set; }

    public static Commitment Reserve(string reference, Guid lineId, decimal amount, DateTimeOffset at) =>
        new() { Reference = reference, BudgetLineId = lineId, Amount = amount, Status = CommitmentStatus.Committed, CommittedAt = at };

    /// <summary>A service the county delivered and paid before the platform: spent at <paramref name="at"/> (when it happened), marked migrated.</summary>
    public static Commitment SpentBefore(string reference, Guid lineId, decimal amount, DateTimeOffset at) => new()
    {
        Reference = reference, BudgetLineId = lineId, Amount = amount, SpentAmount = amount, Status = CommitmentStatus.Spent,
        CommittedAt = at, SettledAt = at, Migrated = true,
    };

    /// <summary>
    /// The work was cancelled before its reservation was asked for (the cancellation overtook the order on the way here):
    /// nothing is reserved, and a reservation asked for later is refused.
    /// </summary>
    public static Commitment Withdrawn(string reference, DateTimeOffset at) =>
        new() { Reference = reference, Status = CommitmentStatus.Withdrawn, CommittedAt = at, SettledAt = at };

    /// <summary>
    /// The work was confirmed at <paramref name="actual"/>: the money stays reserved (the provider is not paid yet) and is
    /// spent when the provider's statement is paid. A repeated confirmation changes nothing.
    /// </summary>
    public void Confirm(decimal actual, DateTimeOffset at)
    {
        if (Status == CommitmentStatus.Committed && ConfirmedAmount is null)
        {
            ConfirmedAmount = actual;
            ConfirmedAt = at;
        }
    }

    public void Release(DateTimeOffset at) => Settle(CommitmentStatus.Released, null, at);

    public void Spend(decimal actual, DateTimeOffset at) => Settle(CommitmentStatus.Spent, actual, at);

    private void Settle(CommitmentStatus to, decimal? spent, DateTimeOffset at)
    {
        if (Status != CommitmentStatus.Committed)
        {
            throw new InvalidOperationException(Status switch
            {
                CommitmentStatus.Released => "该笔预留资金已释放。",
                CommitmentStatus.Withdrawn => "该工作已取消，未预留资金。",
                _ => "该笔预留资金已支出。",
            });
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

    /// <summary>Cancelled before any money was reserved (see <see cref="Commitment.Withdrawn"/>).</summary>
    Withdrawn,
}
