using ReliefPlatform.Portal.Components.Shared;

namespace ReliefPlatform.UnitTests.Portal;

public sealed class CountyTimeTests
{
    [Fact]
    public void A_moment_after_four_in_the_afternoon_UTC_is_the_next_day_on_the_countys_clock()
    {
        var at = new DateTimeOffset(2026, 11, 30, 16, 5, 9, TimeSpan.Zero);

        Assert.Equal(("2026-12-01", "2026-12-01 00:05", "2026-12-01 00:05:09"), (at.CountyDay(), at.CountyMinute(), at.CountySecond()));
    }

    [Fact]
    public void A_moment_given_in_another_zone_is_shown_on_the_countys_clock_too()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal("2026-12-01 22:00", at.CountyMinute());
    }
}
