namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>The county's calendar: days (ages, due dates, "today's visits") are China Standard Time days.</summary>
public static class CountyClock
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateOnly CountyToday(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);
}
