using ReliefPlatform.Contracts.Delivery;

namespace ReliefPlatform.Funding.Domain.Supervision;

public enum FactKind
{
    /// <summary>A household's assessment was approved.</summary>
    Assessed,

    /// <summary>…and it found needs (at least one need code).</summary>
    NeedsIdentified,

    OrderCreated,
    OrderCancelled,
    Delivered,
    Confirmed,
    ComplaintRaised,
    ComplaintClosed,

    /// <summary>A planned item found no provider (an unmet need until an order for the household and item exists).</summary>
    NeedUnmet,

    /// <summary>An order's money was refused (no budget line, too little available, or its project is shut): an unmet need, not a service.</summary>
    FundsRejected,

    /// <summary>A confirmed service paid to its provider (its statement's payment batch); the amount paid, after any deduction.</summary>
    Paid,
}

/// <summary>
/// One thing that happened, as supervision counts it — recorded from the hub's events (ids and codes only), so the
/// KPIs are computed from the same facts every time, by township, item, provider, project and month.
/// </summary>
public sealed class SupervisionFact
{
    private SupervisionFact()
    {
    }

    public long Id { get; private set; }

    public FactKind Kind { get; private set; }

    /// <summary>The first day of the county-time month it happened in.</summary>
    public DateOnly Month { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    public string ProviderId { get; private set; } = "";

    public string ProjectCode { get; private set; } = "";

    public Guid HouseholdId { get; private set; }

    /// <summary>The work order or complaint it concerns.</summary>
    public Guid? SubjectId { get; private set; }

    public int? Satisfaction { get; private set; }

    public int? Minutes { get; private set; }

    public decimal? Amount { get; private set; }

    /// <summary>Delivered shorter than the item's standard (flagged for supervision).</summary>
    public bool FlaggedShort { get; private set; }

    /// <summary>For a delivered service: every reason its record was flagged (short, missing-content, no-evidence, no-location, location-moved).</summary>
    public string[] RecordFlags { get; private set; } = [];

    /// <summary>Flagged for something other than its length: required content, evidence or position missing or wrong.</summary>
    public bool RecordIncomplete => RecordFlags.Any(f => f != ServiceRecordFlags.TooShort);

    /// <summary>From a service migrated from the county's records (before the platform): its money was spent when migrated, never drawn on a statement.</summary>
    public bool Migrated { get; private set; }

    /// <summary>For a closed complaint: days from intake to the resident's acceptance.</summary>
    public decimal? Days { get; private set; }

    public static SupervisionFact Record(
        FactKind kind, DateTimeOffset at, string townshipCode, Guid householdId, Guid? subjectId = null, string itemCode = "", string providerId = "",
        string projectCode = "", int? satisfaction = null, int? minutes = null, decimal? amount = null, bool flaggedShort = false, decimal? days = null,
        IEnumerable<string>? recordFlags = null, bool migrated = false) => new()
        {
            Kind = kind,
            Month = MonthOf(at),
            At = at,
            TownshipCode = townshipCode,
            HouseholdId = householdId,
            SubjectId = subjectId,
            ItemCode = itemCode,
            ProviderId = providerId,
            ProjectCode = projectCode,
            Satisfaction = satisfaction,
            Minutes = minutes,
            Amount = amount,
            FlaggedShort = flaggedShort,
            RecordFlags = [.. recordFlags ?? []],
            Days = days,
            Migrated = migrated,
        };

    /// <summary>The order's project, learned when its creation arrives after this fact (events come in any order).</summary>
    public void OfProject(string projectCode)
    {
        if (ProjectCode.Length == 0)
        {
            ProjectCode = projectCode;
        }
    }

    /// <summary>A closed complaint's days to acceptance, learned when its intake arrives after the closing.</summary>
    public void RaisedAt(DateTimeOffset raisedAt)
    {
        if (Kind == FactKind.ComplaintClosed && Days is null)
        {
            Days = DaysBetween(raisedAt, At);
        }
    }

    public static decimal DaysBetween(DateTimeOffset from, DateTimeOffset to) => decimal.Round((decimal)(to - from).TotalDays, 2);

    public static DateOnly MonthOf(DateTimeOffset at)
    {
        var county = at.ToOffset(TimeSpan.FromHours(8));
        return new DateOnly(county.Year, county.Month, 1);
    }
}
