namespace ReliefPlatform.Funding.Domain.Ledger;

/// <summary>A movement's entries before they are written: account, line and signed amount. They always sum to zero.</summary>
public sealed record Posting(Guid? LineId, LedgerAccount Account, decimal Amount);

/// <summary>How a line's totals change when postings are applied.</summary>
public sealed record LineDelta(Guid LineId, decimal Allocated, decimal Committed, decimal Spent);

/// <summary>The double-entry postings of each kind of money movement, and what they do to the lines' totals. Pure.</summary>
public static class Postings
{
    public static IReadOnlyList<Posting> Allocation(Guid line, decimal amount) =>
        [new(null, LedgerAccount.Source, -amount), new(line, LedgerAccount.Available, amount)];

    public static IReadOnlyList<Posting> Reallocation(Guid from, Guid to, decimal amount) =>
        [new(from, LedgerAccount.Available, -amount), new(to, LedgerAccount.Available, amount)];

    public static IReadOnlyList<Posting> Commitment(Guid line, decimal amount) =>
        [new(line, LedgerAccount.Available, -amount), new(line, LedgerAccount.Committed, amount)];

    public static IReadOnlyList<Posting> Release(Guid line, decimal committed) =>
        [new(line, LedgerAccount.Committed, -committed), new(line, LedgerAccount.Available, committed)];

    /// <summary>The work cost <paramref name="actual"/>: the reservation is closed, the actual amount spent, and the difference returns to (or, when it cost more, comes from) what is available.</summary>
    public static IReadOnlyList<Posting> Spending(Guid line, decimal committed, decimal actual) =>
    [
        new(line, LedgerAccount.Committed, -committed),
        new(line, LedgerAccount.Spent, actual),
        .. committed == actual ? Array.Empty<Posting>() : [new Posting(line, LedgerAccount.Available, committed - actual)],
    ];

    /// <summary>A migrated service's spend: paid before the platform, so it goes from what is available straight to spent, never reserved.</summary>
    public static IReadOnlyList<Posting> MigratedSpending(Guid line, decimal amount) =>
        [new(line, LedgerAccount.Available, -amount), new(line, LedgerAccount.Spent, amount)];

    /// <summary>Per line: the total allocated changes by everything posted to the line; committed and spent by their own accounts.</summary>
    public static IReadOnlyList<LineDelta> Deltas(IEnumerable<Posting> postings) =>
    [
        .. postings.Where(p => p.LineId is not null).GroupBy(p => p.LineId!.Value).Select(g => new LineDelta(
            g.Key,
            g.Sum(p => p.Amount),
            g.Where(p => p.Account == LedgerAccount.Committed).Sum(p => p.Amount),
            g.Where(p => p.Account == LedgerAccount.Spent).Sum(p => p.Amount))),
    ];
}
