using ReliefPlatform.Delivery.Domain.ResourceLayout;

namespace ReliefPlatform.UnitTests.Delivery;

public sealed class ResourceLayoutRankingTests
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public void Cells_rank_by_weekly_shortfall_then_unserved_households_then_households_in_need()
    {
        // Demand in sessions a week: 5 households × 1 a day = 35; 3 × 2 a week = 6; 4 × 2 a month = 4 × 24/52 = 1.85; 2 × 1 a week = 2.
        var monthlyTwice = 4 * ResourceLayoutRanking.PerWeek(2, "Month");
        ItemDemand[] demand =
        [
            new(Hengshan, "meal-assistance", 5, 5 * ResourceLayoutRanking.PerWeek(1, "Day")),
            new(Hengshan, "daily-care", 3, 3 * ResourceLayoutRanking.PerWeek(2, "Week")),
            new(Foziling, "home-visit", 4, monthlyTwice),
            new(Foziling, "daily-care", 2, 2m),
        ];
        ItemSupply[] supply = [new(Hengshan, "daily-care", 1, 4m), new(Foziling, "home-visit", 2, 5m), new(Foziling, "daily-care", 1, 3m), new(Foziling, "counselling", 1, 2m)];
        ItemDelivery[] delivered = [new(Hengshan, "daily-care", 2, 1), new(Foziling, "home-visit", 3, 3), new(Foziling, "daily-care", 4, 2)];

        var cells = ResourceLayoutRanking.Rank(demand, supply, delivered);

        Assert.Equal(
            [
                (1, Hengshan, "meal-assistance", 35m, 0m, 35m, 5, "no-supply"),
                (2, Hengshan, "daily-care", 6m, 4m, 2m, 2, "short"),
                (3, Foziling, "home-visit", 1.85m, 5m, 0m, 1, "undelivered"),
                (4, Foziling, "daily-care", 2m, 3m, 0m, 0, "covered"),
                (5, Foziling, "counselling", 0m, 2m, 0m, 0, "idle"),
            ],
            cells.Select(c => (c.Rank, c.TownshipCode, c.ItemCode, c.DemandPerWeek, c.SupplyPerWeek, c.ShortfallPerWeek, c.UnservedHouseholds, c.Gap)));
        Assert.Equal(0.67m, cells[1].Coverage);
        Assert.Equal(2.70m, cells[2].Coverage);
        Assert.Null(cells[4].Coverage);
        Assert.Equal("需求无供给", cells[0].GapName);
    }

    [Fact]
    public void At_equal_shortfall_the_cell_with_more_households_left_unserved_ranks_first()
    {
        ItemDemand[] demand = [new(Hengshan, "bathing-assistance", 6, 3m), new(Foziling, "bathing-assistance", 4, 3m)];
        ItemSupply[] supply = [new(Hengshan, "bathing-assistance", 1, 1m), new(Foziling, "bathing-assistance", 1, 1m)];
        ItemDelivery[] delivered = [new(Hengshan, "bathing-assistance", 5, 5), new(Foziling, "bathing-assistance", 1, 1)];

        var cells = ResourceLayoutRanking.Rank(demand, supply, delivered);

        // Both short by 2 a week; 佛子岭 has 3 households unserved, 衡山 only 1.
        Assert.Equal([Foziling, Hengshan], cells.Select(c => c.TownshipCode));
        Assert.Equal([3, 1], cells.Select(c => c.UnservedHouseholds));
    }

    [Theory]
    [InlineData(1, "Day", 7)]
    [InlineData(3, "Week", 3)]
    [InlineData(13, "Month", 3)]
    [InlineData(13, "Quarter", 1)]
    [InlineData(52, "Year", 1)]
    [InlineData(52, "Cycle", 1)]
    public void A_lines_frequency_becomes_sessions_a_week(int times, string per, decimal perWeek)
    {
        Assert.Equal(perWeek, ResourceLayoutRanking.PerWeek(times, per));
    }
}
