namespace ReliefPlatform.Funding.Domain.Ledger;

/// <summary>
/// One side of a money movement. Every movement is a transaction of entries that sum to zero (double entry);
/// entries are never changed or deleted.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    public long Id { get; private set; }

    public Guid TransactionId { get; private set; }

    /// <summary>The line the account belongs to; null for the funding source (money entering the county's budget).</summary>
    public Guid? BudgetLineId { get; private set; }

    public LedgerAccount Account { get; private set; }

    /// <summary>Yuan; positive adds to the account, negative takes from it.</summary>
    public decimal Amount { get; private set; }

    public MovementKind Kind { get; private set; }

    public string Reference { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static LedgerEntry Post(Guid transactionId, Guid? lineId, LedgerAccount account, decimal amount, MovementKind kind, string reference, string by, DateTimeOffset at) =>
        new() { TransactionId = transactionId, BudgetLineId = lineId, Account = account, Amount = amount, Kind = kind, Reference = reference, By = by, At = at };
}

public enum LedgerAccount
{
    /// <summary>The funding source the money comes from (outside the lines).</summary>
    Source,
    Available,
    Committed,
    Spent,
}

public enum MovementKind
{
    Allocation,
    Reallocation,
    Commitment,
    Release,
    Spending,

    /// <summary>Money the county spent before the platform, on a service migrated from its records (past-dated, never paid again).</summary>
    MigratedSpending,
}
