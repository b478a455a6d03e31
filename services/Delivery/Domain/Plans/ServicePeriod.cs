using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Domain.Plans;

/// <summary>
/// One period of a recurring plan line (a day, an ISO week from Monday, a calendar month, quarter or year), in county
/// days (China Standard Time): from <see cref="Starts"/> up to, not including, <see cref="Ends"/>.
/// </summary>
public readonly record struct ServicePeriod(DateOnly Starts, DateOnly Ends)
{
    /// <summary>The catalogue's frequency periods that recur; <c>Cycle</c> (once per assessment cycle) does not.</summary>
    public static bool Recurs(string per) => per is "Day" or "Week" or "Month" or "Quarter" or "Year";

    /// <summary>The period of kind <paramref name="per"/> that contains the county day <paramref name="day"/>.</summary>
    public static ServicePeriod Containing(string per, DateOnly day)
    {
        var starts = per switch
        {
            "Day" => day,
            "Week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            "Month" => new DateOnly(day.Year, day.Month, 1),
            "Quarter" => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
            "Year" => new DateOnly(day.Year, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(per), per, "Not a recurring period."),
        };
        return new ServicePeriod(starts, After(per, starts));
    }

    /// <summary>The period of kind <paramref name="per"/> that contains the county day of <paramref name="instant"/>.</summary>
    public static ServicePeriod Containing(string per, DateTimeOffset instant) =>
        Containing(per, DateOnly.FromDateTime(instant.ToOffset(CountyClock.ChinaStandardTime).DateTime));

    /// <summary>The period that follows this one.</summary>
    public ServicePeriod Next(string per) => new(Ends, After(per, Ends));

    /// <summary>The instant the period ends: midnight county time at the start of <see cref="Ends"/>. An order not delivered by then missed its period.</summary>
    public DateTimeOffset EndsAt => new DateTimeOffset(Ends.ToDateTime(TimeOnly.MinValue), CountyClock.ChinaStandardTime).ToUniversalTime();

    private static DateOnly After(string per, DateOnly starts) => per switch
    {
        "Day" => starts.AddDays(1),
        "Week" => starts.AddDays(7),
        "Month" => starts.AddMonths(1),
        "Quarter" => starts.AddMonths(3),
        _ => starts.AddYears(1),
    };
}
