namespace ReliefPlatform.Demo;

/// <summary>
/// What the demo county is filled with (section <c>Demo</c>; the AppHost passes <c>--Demo:…</c> through). Everything
/// generated follows from <see cref="SeedNumber"/>: the same number fills the same county.
/// </summary>
public sealed class DemoCountyOptions
{
    public const string Section = "Demo";

    /// <summary>The random seed every generated person, household, provider and choice follows from.</summary>
    public int SeedNumber { get; set; } = 341525;

    /// <summary>Households in the monitoring file (about 2.5 people each).</summary>
    public int Households { get; set; } = 12_000;

    /// <summary>Townships to fill (codes); empty: every township of the county.</summary>
    public List<string> Townships { get; set; } = [];

    /// <summary>Providers onboarded, of every kind the catalogue names, at least one per kind.</summary>
    public int Providers { get; set; } = 64;

    /// <summary>Share of households visited and assessed (draft → submitted → approved by a second person).</summary>
    public double AssessedShare { get; set; } = 0.10;

    /// <summary>Share of households with approved, matched plans whose current orders are delivered and confirmed.</summary>
    public double DeliveredShare { get; set; } = 0.6;

    /// <summary>
    /// Months of service history before this one, migrated from the county's (generated) records through the service-history
    /// migration (0: none): the dashboard's trends then have a year to show.
    /// </summary>
    public int HistoryMonths { get; set; } = 12;

    /// <summary>Share of assessed households with a service in each of those months (one item, from a provider contracted in their township).</summary>
    public double HistoryShare { get; set; } = 0.8;

    /// <summary>Calls in flight at once (the machine's cores are shared with the whole county).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The demo users' password (the AppHost's generated one).</summary>
    public string Password { get; set; } = "";
}
