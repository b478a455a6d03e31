using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>Periods of recurring plan lines, in county days (Asia/Shanghai, UTC+8): weeks from Monday, calendar months, quarters and years.</summary>
public sealed class ServicePeriodTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public void A_week_runs_from_monday_to_the_next_monday_in_county_days()
    {
        // Sunday 2026-11-29 20:00 UTC is already Monday 2026-11-30 04:00 in the county: the new week.
        Assert.Equal(new ServicePeriod(new(2026, 11, 30), new(2026, 12, 7)), ServicePeriod.Containing("Week", new DateTimeOffset(2026, 11, 29, 20, 0, 0, TimeSpan.Zero)));
        // Sunday 15:59 UTC is Sunday 23:59 in the county: still the old week.
        Assert.Equal(new ServicePeriod(new(2026, 11, 23), new(2026, 11, 30)), ServicePeriod.Containing("Week", new DateTimeOffset(2026, 11, 29, 15, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new ServicePeriod(new(2026, 11, 23), new(2026, 11, 30)), ServicePeriod.Containing("Week", new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void The_next_period_starts_where_the_last_one_ended_across_month_and_year_ends()
    {
        var week = ServicePeriod.Containing("Week", new DateOnly(2026, 12, 30));
        Assert.Equal(new ServicePeriod(new(2026, 12, 28), new(2027, 1, 4)), week);
        Assert.Equal(new ServicePeriod(new(2027, 1, 4), new(2027, 1, 11)), week.Next("Week"));

        var month = ServicePeriod.Containing("Month", new DateOnly(2027, 1, 31));
        Assert.Equal(new ServicePeriod(new(2027, 1, 1), new(2027, 2, 1)), month);
        Assert.Equal(new ServicePeriod(new(2027, 2, 1), new(2027, 3, 1)), month.Next("Month"));

        Assert.Equal(new ServicePeriod(new(2026, 10, 1), new(2027, 1, 1)), ServicePeriod.Containing("Quarter", new DateOnly(2026, 11, 30)));
        Assert.Equal(new ServicePeriod(new(2026, 11, 30), new(2026, 12, 1)), ServicePeriod.Containing("Day", new DateOnly(2026, 11, 30)));
        Assert.Equal(new ServicePeriod(new(2026, 1, 1), new(2027, 1, 1)), ServicePeriod.Containing("Year", new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_month_begins_at_county_midnight_not_utc_midnight()
    {
        // 2026-11-30 16:30 UTC is 2026-12-01 00:30 in the county.
        Assert.Equal(new DateOnly(2026, 12, 1), ServicePeriod.Containing("Month", new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)).Starts);
    }

    [Fact]
    public void A_period_ends_at_county_midnight_of_its_end_day()
    {
        var week = new ServicePeriod(new(2026, 11, 30), new(2026, 12, 7));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, Shanghai), week.EndsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 16, 0, 0, TimeSpan.Zero), week.EndsAt.ToUniversalTime());
    }

    [Theory]
    [InlineData("Week", true)]
    [InlineData("Month", true)]
    [InlineData("Day", true)]
    [InlineData("Cycle", false)]
    public void Only_a_frequency_per_calendar_period_recurs(string per, bool recurs) => Assert.Equal(recurs, ServicePeriod.Recurs(per));

    [Fact]
    public void A_periods_order_is_due_by_the_end_of_its_period_even_when_made_ahead()
    {
        var madeAt = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
        var nextWeek = ServicePeriod.Containing("Week", madeAt).Next("Week");
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 3, 0m, 60, "delivery", madeAt,
            planId: Guid.NewGuid(), period: nextWeek);

        // Free: assigned at once. Due at the end of next week (county time), not seven days after it was made.
        Assert.Equal(WorkOrderStatus.Assigned, order.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 0, 0, 0, Shanghai), order.CompleteBy);
        order.Schedule(new DateOnly(2026, 12, 9), "provider", madeAt.AddHours(2));
        Assert.Null(order.OverdueDeadline(new DateTimeOffset(2026, 12, 13, 15, 59, 0, TimeSpan.Zero)));
        Assert.Equal("completion", order.OverdueDeadline(new DateTimeOffset(2026, 12, 13, 16, 1, 0, TimeSpan.Zero)));
    }
}
