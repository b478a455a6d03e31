using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;

namespace ReliefPlatform.UnitTests.Funding;

public sealed class LedgerTests
{
    private sealed record Totals(decimal Allocated, decimal Committed, decimal Spent)
    {
        public decimal Available => Allocated - Committed - Spent;
    }

    /// <summary>The database's rule, in memory: apply the deltas unless a line's available would go below zero.</summary>
    private static bool Apply(Dictionary<Guid, Totals> lines, IReadOnlyList<Posting> postings)
    {
        var next = Postings.Deltas(postings).ToDictionary(d => d.LineId, d =>
        {
            var t = lines[d.LineId];
            return new Totals(t.Allocated + d.Allocated, t.Committed + d.Committed, t.Spent + d.Spent);
        });
        if (next.Values.Any(t => t.Available < 0 || t.Committed < 0 || t.Spent < 0))
        {
            return false;
        }

        foreach (var (id, totals) in next)
        {
            lines[id] = totals;
        }

        return true;
    }

    [Fact]
    public void Property_random_movements_keep_every_transaction_balanced_and_available_equal_to_the_sum_of_its_postings()
    {
        var random = new Random(20261128);
        for (var run = 0; run < 200; run++)
        {
            var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
            var lines = ids.ToDictionary(id => id, _ => new Totals(0, 0, 0));
            var open = new List<(Guid Line, decimal Amount)>();
            var posted = new List<Posting>();
            for (var step = 0; step < 60; step++)
            {
                var line = ids[random.Next(ids.Length)];
                var amount = random.Next(1, 50_000) / 100m;
                IReadOnlyList<Posting> postings = random.Next(6) switch
                {
                    0 => Postings.Allocation(line, amount),
                    1 => Postings.Reallocation(line, ids[(Array.IndexOf(ids, line) + 1) % ids.Length], amount),
                    2 or 3 => Postings.Commitment(line, amount),
                    4 when open.Count > 0 => Postings.Release(open[0].Line, open[0].Amount),
                    5 when open.Count > 0 => Postings.Spending(open[^1].Line, open[^1].Amount, random.Next(2) == 0 ? open[^1].Amount : open[^1].Amount * 0.8m),
                    _ => Postings.Allocation(line, amount),
                };

                Assert.Equal(0m, postings.Sum(p => p.Amount));
                if (!Apply(lines, postings))
                {
                    continue;
                }

                posted.AddRange(postings);
                if (postings[0].Account == LedgerAccount.Available && postings[1].Account == LedgerAccount.Committed)
                {
                    open.Add((line, amount));
                }
                else if (postings[0].Account == LedgerAccount.Committed)
                {
                    open.RemoveAt(postings.Count == 2 && postings[1].Account == LedgerAccount.Available ? 0 : open.Count - 1);
                }
            }

            foreach (var id in ids)
            {
                var mine = posted.Where(p => p.LineId == id).ToList();
                Assert.True(lines[id].Available >= 0);
                Assert.Equal(lines[id].Available, mine.Where(p => p.Account == LedgerAccount.Available).Sum(p => p.Amount));
                Assert.Equal(lines[id].Committed, mine.Where(p => p.Account == LedgerAccount.Committed).Sum(p => p.Amount));
                Assert.Equal(lines[id].Spent, mine.Where(p => p.Account == LedgerAccount.Spent).Sum(p => p.Amount));
            }

            // Money in the lines is exactly what came from the sources.
            Assert.Equal(-posted.Where(p => p.Account == LedgerAccount.Source).Sum(p => p.Amount), lines.Values.Sum(t => t.Allocated));
        }
    }

    [Fact]
    public void A_commitment_larger_than_what_is_available_is_refused_and_changes_nothing()
    {
        var line = Guid.NewGuid();
        var lines = new Dictionary<Guid, Totals> { [line] = new(0, 0, 0) };
        Assert.True(Apply(lines, Postings.Allocation(line, 1000m)));
        Assert.True(Apply(lines, Postings.Commitment(line, 600m)));

        Assert.False(Apply(lines, Postings.Commitment(line, 400.01m)));
        Assert.Equal(new Totals(1000m, 600m, 0m), lines[line]);
    }

    [Fact]
    public void Spending_less_than_reserved_returns_the_rest_and_spending_more_takes_it_from_what_is_available()
    {
        var line = Guid.NewGuid();
        var lines = new Dictionary<Guid, Totals> { [line] = new(0, 0, 0) };
        Apply(lines, Postings.Allocation(line, 500m));
        Apply(lines, Postings.Commitment(line, 200m));
        Apply(lines, Postings.Commitment(line, 100m));

        Assert.True(Apply(lines, Postings.Spending(line, 200m, 150.50m)));
        Assert.Equal(new Totals(500m, 100m, 150.50m), lines[line]);
        Assert.True(Apply(lines, Postings.Spending(line, 100m, 349.50m)));
        Assert.Equal(0m, lines[line].Available);
    }

    [Theory]
    [InlineData(null, "请填写金额（元）。")]
    [InlineData("0", "金额必须大于 0。")]
    [InlineData("-5", "金额必须大于 0。")]
    [InlineData("12.345", "金额以元为单位，最多精确到分（两位小数）。")]
    [InlineData("12.34", null)]
    public void Amounts_are_positive_yuan_to_the_fen(string? amount, string? problem)
    {
        Assert.Equal(problem, Money.Problem(amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_allocation_is_approved_only_by_someone_other_than_its_proposer_and_only_once()
    {
        var request = AllocationRequest.Propose(AllocationKind.Allocation, new BudgetKey(2026, "fiscal-budget", "HS-2026-01", "341525100", ""), null, 10_000m,
            "县财政下达", "finance-a", DateTimeOffset.UtcNow);

        Assert.Throws<InvalidOperationException>(() => request.Approve("finance-a", DateTimeOffset.UtcNow));
        request.Approve("finance-b", DateTimeOffset.UtcNow);
        Assert.Throws<InvalidOperationException>(() => request.Reject("finance-c", DateTimeOffset.UtcNow, "x"));
        Assert.Equal(AllocationStatus.Approved, request.Status);
    }
}
