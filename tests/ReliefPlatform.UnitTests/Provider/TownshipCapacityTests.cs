using ReliefPlatform.Provider.Domain.Capabilities;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class TownshipCapacityTests
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";
    private const string Xiafuqiao = "341525102";

    [Fact]
    public void A_providers_capacity_is_shared_equally_among_the_townships_it_serves()
    {
        var county = Guid.NewGuid();
        var local = Guid.NewGuid();
        Capability[] capabilities =
        [
            Capability.Offer(county, "daily-care", [Hengshan, Foziling, Xiafuqiao], 12, CapacityPeriod.Week),
            Capability.Offer(local, "daily-care", [Hengshan], 2, CapacityPeriod.Month),
            Capability.Offer(local, "shopping", [Hengshan], 0, CapacityPeriod.Week),
        ];

        var cells = TownshipCapacity.Sum(capabilities);

        // 12 a week over 3 townships is 4 each; 2 a month is 2 × 12 / 52 = 0.46 a week; capacity 0 is no supply.
        Assert.Equal(
            [new(Hengshan, "daily-care", 2, 4.46m), new(Foziling, "daily-care", 1, 4m), new(Xiafuqiao, "daily-care", 1, 4m)],
            cells.OrderByDescending(c => c.WeeklyCapacity).ThenBy(c => c.TownshipCode, StringComparer.Ordinal));
    }
}
