using ReliefPlatform.Provider.Domain.Pairings;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class PairingTests
{
    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-01", "2026-06-30", "2026-06-30", null, true)]
    [InlineData("2026-01-01", "2026-06-30", "2026-07-01", null, false)]
    [InlineData("2026-03-01", null, "2025-01-01", "2026-02-28", false)]
    [InlineData("2026-03-01", null, "2025-01-01", "2026-03-01", true)]
    [InlineData("2026-03-01", null, "2030-01-01", null, true)]
    public void Periods_overlap_when_they_share_a_day_and_an_open_end_runs_on(string fromA, string? untilA, string fromB, string? untilB, bool overlap)
    {
        Assert.Equal(overlap, Pairing.Overlaps(D(fromA), untilA is null ? null : D(untilA), D(fromB), untilB is null ? null : D(untilB)));
        Assert.Equal(overlap, Pairing.Overlaps(D(fromB), untilB is null ? null : D(untilB), D(fromA), untilA is null ? null : D(untilA)));
    }

    [Fact]
    public void Ending_a_pairing_never_extends_it()
    {
        var pairing = Pairing.Pair(Guid.NewGuid(), "341525100", PairerKind.Cadre, null, "enc", "张*", 2, D("2026-01-01"), D("2026-06-30"), "a", DateTimeOffset.UtcNow);

        pairing.End(D("2026-12-31"), "调离");

        Assert.Equal(D("2026-06-30"), pairing.Until);
        Assert.Throws<ArgumentOutOfRangeException>(() => pairing.End(D("2025-12-31"), "x"));
    }

    [Fact]
    public void Visits_a_month_change_while_the_pairing_lasts_and_not_after_it_ended()
    {
        var pairing = Pairing.Pair(Guid.NewGuid(), "341525100", PairerKind.Cadre, null, "enc", "张*", 2, D("2026-01-01"), null, "a", DateTimeOffset.UtcNow);

        pairing.ChangeVisits(4);
        Assert.Equal(4, pairing.VisitsPerMonth);
        Assert.Throws<ArgumentOutOfRangeException>(() => pairing.ChangeVisits(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pairing.ChangeVisits(32));

        pairing.End(D("2026-03-31"), "调离");
        Assert.Throws<InvalidOperationException>(() => pairing.ChangeVisits(6));
        Assert.Equal(4, pairing.VisitsPerMonth);
    }
}
