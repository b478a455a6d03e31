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
}
