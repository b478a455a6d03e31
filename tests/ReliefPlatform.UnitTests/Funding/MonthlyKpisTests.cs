using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Domain.Supervision;

namespace ReliefPlatform.UnitTests.Funding;

public sealed class MonthlyKpisTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);
    private static readonly DateOnly May = new(2026, 5, 1);

    [Fact]
    public void Every_month_of_the_period_has_a_row_and_ratios_come_from_the_months_own_figures()
    {
        MonthFigures[] figures =
        [
            new(March, FactKind.OrderCreated, 4, 240m, 0, 0, 0, 4),
            new(March, FactKind.Delivered, 4, 0m, 0, 0, 0, Migrated: 4),
            // Three confirmations scored 5, 4 and 2: mean 11 / 3, two of three satisfied.
            new(March, FactKind.Confirmed, 3, 180m, 11, 3, 2, 3),
            new(March, FactKind.Paid, 3, 170m, 0, 0, 0, 3),
            new(May, FactKind.Delivered, 1, 0m, 0, 0, 0, 0),
        ];

        var rows = MonthlyKpis.Compute(figures, new Dictionary<DateOnly, int> { [March] = 3 }, March, May);

        Assert.Equal(["2026-03", "2026-04", "2026-05"], rows.Select(r => r.Month));
        var march = rows[0];
        Assert.Equal((4, 4, 3, 4), (march.OrdersCreated, march.ServicesDelivered, march.ServicesConfirmed, march.MigratedServices));
        Assert.Equal((0.75m, 3.67m, 0.6667m), (march.ConfirmedRate!.Value, march.SatisfactionMean!.Value, march.SatisfiedShare!.Value));
        Assert.Equal((180m, 170m), (march.ConfirmedAmount, march.Spend));
        Assert.Equal(new MonthlyKpiRow("2026-04", 0, 0, 0, null, null, null, 0m, 0m, 0), rows[1]);
        // Delivered in May, none confirmed yet.
        Assert.Equal((1, 0m, (decimal?)null), (rows[2].ServicesDelivered, rows[2].ConfirmedRate!.Value, rows[2].SatisfactionMean));
    }

    [Fact]
    public void A_migrated_spend_goes_from_available_straight_to_spent()
    {
        var line = Guid.NewGuid();
        var delta = Postings.Deltas(Postings.MigratedSpending(line, 120m)).Single();

        Assert.Equal(0m, Postings.MigratedSpending(line, 120m).Sum(p => p.Amount));
        Assert.Equal((0m, 0m, 120m), (delta.Allocated, delta.Committed, delta.Spent));
    }

    [Fact]
    public void A_migrated_spend_is_spent_when_it_happened_and_cannot_be_settled_again()
    {
        var at = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var commitment = Commitment.SpentBefore("order-1", Guid.NewGuid(), 120m, at);

        Assert.Equal((CommitmentStatus.Spent, 120m, at, true), (commitment.Status, commitment.SpentAmount!.Value, commitment.SettledAt!.Value, commitment.Migrated));
        Assert.Throws<InvalidOperationException>(() => commitment.Spend(120m, DateTimeOffset.UtcNow));
        Assert.Throws<InvalidOperationException>(() => commitment.Release(DateTimeOffset.UtcNow));
    }
}
