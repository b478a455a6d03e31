using System.Globalization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>
/// A moment as the county reads it: Beijing time (UTC+8), whatever the server's zone. The APIs give moments in UTC; a
/// caseworker's "due 17:00" is 17:00 on the county's clock.
/// </summary>
internal static class CountyTime
{
    /// <summary>2026-12-01 17:05 on the county's clock.</summary>
    public static string CountyMinute(this DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm");

    /// <summary>2026-12-01 17:05:09 on the county's clock (the audit log).</summary>
    public static string CountySecond(this DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm:ss");

    /// <summary>The county's date of the moment (2026-12-01).</summary>
    public static string CountyDay(this DateTimeOffset at) => Format(at, "yyyy-MM-dd");

    private static string Format(DateTimeOffset at, string format) =>
        at.ToOffset(CountyClock.ChinaStandardTime).ToString(format, CultureInfo.InvariantCulture);
}
