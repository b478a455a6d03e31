namespace ReliefPlatform.Funding.Domain.Supervision;

public enum KpiDimension
{
    Township,
    Item,
    Provider,
    Project,
}

/// <summary>Allocated and spent to date on the budget lines behind one key (township, item or project).</summary>
public sealed record BudgetFigures(decimal Allocated, decimal SpentToDate);

/// <summary>
/// The supervision KPIs of one key (a township, item, provider or project) for one month. Household measures —
/// assessed, with needs, served, coverage, days from need to first service — are kept by township, where the
/// assessment facts are; the rest by every dimension.
/// </summary>
/// <param name="UnmetNeeds">Household × item needs that found no provider, or whose order's money was refused, and still had no funded work order at the month's end (by township and item).</param>
/// <param name="HouseholdsServed">Households with needs that have at least one work order by the month's end that was neither cancelled nor refused its money.</param>
/// <param name="Coverage">Served ÷ with needs (by township).</param>
/// <param name="DaysNeedToFirstService">Mean days from the needs assessment to the household's first work order, for first orders made this month.</param>
/// <param name="RecordsIncomplete">Delivered services whose record missed required content, evidence or the position (flagged apart from length).</param>
/// <param name="SatisfiedShare">Share of confirmations scored 4 or 5.</param>
/// <param name="FreeServiceHours">Hours of confirmed services that cost nothing (volunteer and other unpaid services), reported apart from money.</param>
/// <param name="FreeServiceValue">Those hours valued at the configured rate (元/小时) — a contribution in kind, never added to spend.</param>
/// <param name="CommittedThisMonth">Money reserved for the orders made this month that were neither refused their money nor cancelled (migrated orders were never reserved: paid before the platform).</param>
/// <param name="ConfirmedThisMonth">What the services the recipients confirmed this month cost — owed to providers until paid.</param>
/// <param name="PaidThisMonth">Paid to providers this month in payment batches: the spend (after deductions).</param>
public sealed record KpiRow(
    string Key, int HouseholdsAssessed, int HouseholdsWithNeeds, int HouseholdsServed, decimal? Coverage, decimal? DaysNeedToFirstService, int UnmetNeeds,
    int OrdersCreated, int ServicesDelivered, int FlaggedShort, int ServicesConfirmed, decimal? SatisfactionMean, decimal? SatisfiedShare,
    int Complaints, int ComplaintsClosed, decimal? ResolutionDaysMean, decimal? Budget, decimal? SpentToDate, decimal? SpendRate,
    decimal FreeServiceHours, decimal FreeServiceValue, int RecordsIncomplete = 0, decimal CommittedThisMonth = 0m, decimal ConfirmedThisMonth = 0m,
    decimal PaidThisMonth = 0m);

/// <summary>Supervision settings (<c>Supervision</c> in configuration).</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>What an hour of volunteer service is valued at, in yuan (志愿服务折算标准).</summary>
    public decimal VolunteerHourRate { get; set; } = 25.00m;
}

public static class KpiCalculator
{
    /// <param name="facts">Every fact up to the end of <paramref name="month"/> (earlier months feed coverage and first services).</param>
    /// <param name="budgets">Budget figures by key, for the dimensions that have budget lines.</param>
    /// <param name="volunteerHourRate">Yuan per hour of unpaid service.</param>
    public static IReadOnlyList<KpiRow> Compute(
        IReadOnlyCollection<SupervisionFact> facts, DateOnly month, KpiDimension dimension, IReadOnlyDictionary<string, BudgetFigures> budgets,
        decimal volunteerHourRate)
    {
        var inMonth = facts.Where(f => f.Month == month).ToList();
        var keys = inMonth.Select(f => KeyOf(f, dimension)).Concat(budgets.Keys).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var refused = facts.Where(f => f.Kind == FactKind.FundsRejected).Select(f => f.SubjectId).ToHashSet();
        var cancelledOrders = facts.Where(f => f.Kind == FactKind.OrderCancelled && f.Month <= month).Select(f => f.SubjectId).ToHashSet();
        var firstOrders = FirstOrders(facts, refused);
        return [.. keys.Select(key =>
        {
            var mine = inMonth.Where(f => KeyOf(f, dimension) == key).ToList();
            var confirmed = mine.Where(f => f.Kind == FactKind.Confirmed).ToList();
            var scores = confirmed.Where(f => f.Satisfaction is not null).Select(f => f.Satisfaction!.Value).ToList();
            var closed = mine.Where(f => f.Kind == FactKind.ComplaintClosed && f.Days is not null).ToList();
            (int WithNeeds, int Served, decimal? DaysToFirstService)? households = dimension == KpiDimension.Township ? Households(facts, key, month, firstOrders, refused) : null;
            budgets.TryGetValue(key, out var budget);
            var freeMinutes = confirmed.Where(f => f.Amount is null or 0m).Sum(f => f.Minutes ?? 0);
            return new KpiRow(
                key,
                HouseholdsAssessed: dimension == KpiDimension.Township ? mine.Where(f => f.Kind == FactKind.Assessed).Select(f => f.HouseholdId).Distinct().Count() : 0,
                HouseholdsWithNeeds: households?.WithNeeds ?? 0,
                HouseholdsServed: households?.Served ?? 0,
                Coverage: households is { WithNeeds: > 0 } h ? Ratio(h.Served, h.WithNeeds) : null,
                DaysNeedToFirstService: households?.DaysToFirstService,
                UnmetNeeds: dimension is KpiDimension.Township or KpiDimension.Item ? Unmet(facts, key, dimension, month, refused) : 0,
                OrdersCreated: mine.Count(f => f.Kind == FactKind.OrderCreated),
                ServicesDelivered: mine.Count(f => f.Kind == FactKind.Delivered),
                FlaggedShort: mine.Count(f => f.Kind == FactKind.Delivered && f.FlaggedShort),
                RecordsIncomplete: mine.Count(f => f.Kind == FactKind.Delivered && f.RecordIncomplete),
                ServicesConfirmed: confirmed.Count,
                SatisfactionMean: scores.Count > 0 ? Round((decimal)scores.Sum() / scores.Count, 2) : null,
                SatisfiedShare: scores.Count > 0 ? Ratio(scores.Count(s => s >= 4), scores.Count) : null,
                Complaints: mine.Count(f => f.Kind == FactKind.ComplaintRaised),
                ComplaintsClosed: closed.Count,
                ResolutionDaysMean: closed.Count > 0 ? Round(closed.Sum(f => f.Days!.Value) / closed.Count, 1) : null,
                CommittedThisMonth: mine.Where(f => f.Kind == FactKind.OrderCreated && !f.Migrated && !refused.Contains(f.SubjectId) && !cancelledOrders.Contains(f.SubjectId))
                    .Sum(f => f.Amount ?? 0m),
                ConfirmedThisMonth: confirmed.Sum(f => f.Amount ?? 0m),
                PaidThisMonth: mine.Where(f => f.Kind == FactKind.Paid).Sum(f => f.Amount ?? 0m),
                Budget: budget?.Allocated,
                SpentToDate: budget?.SpentToDate,
                SpendRate: budget is { Allocated: > 0 } b ? Round(b.SpentToDate / b.Allocated, 4) : null,
                FreeServiceHours: Round(freeMinutes / 60m, 1),
                FreeServiceValue: Round(freeMinutes / 60m * volunteerHourRate, 2));
        })];
    }

    private static string KeyOf(SupervisionFact fact, KpiDimension dimension) => dimension switch
    {
        KpiDimension.Township => fact.TownshipCode,
        KpiDimension.Item => fact.ItemCode,
        KpiDimension.Provider => fact.ProviderId,
        _ => fact.ProjectCode,
    };

    /// <summary>Each household's first funded work order (ever, among the facts).</summary>
    private static Dictionary<Guid, SupervisionFact> FirstOrders(IEnumerable<SupervisionFact> facts, HashSet<Guid?> refused) =>
        facts.Where(f => f.Kind == FactKind.OrderCreated && !refused.Contains(f.SubjectId)).GroupBy(f => f.HouseholdId).ToDictionary(g => g.Key, g => g.MinBy(f => f.At)!);

    private static (int WithNeeds, int Served, decimal? DaysToFirstService) Households(
        IReadOnlyCollection<SupervisionFact> facts, string township, DateOnly month, Dictionary<Guid, SupervisionFact> firstOrders, HashSet<Guid?> refused)
    {
        var upToMonth = facts.Where(f => f.TownshipCode == township && f.Month <= month).ToList();
        var needs = upToMonth.Where(f => f.Kind == FactKind.NeedsIdentified).GroupBy(f => f.HouseholdId).ToDictionary(g => g.Key, g => g.Select(f => f.At).Order().ToList());
        var cancelled = upToMonth.Where(f => f.Kind == FactKind.OrderCancelled).Select(f => f.SubjectId).ToHashSet();
        var served = upToMonth.Where(f => f.Kind == FactKind.OrderCreated && !cancelled.Contains(f.SubjectId) && !refused.Contains(f.SubjectId) && needs.ContainsKey(f.HouseholdId))
            .Select(f => f.HouseholdId).Distinct().Count();
        var days = firstOrders.Values
            .Where(o => o.TownshipCode == township && o.Month == month && needs.TryGetValue(o.HouseholdId, out var at) && at[0] <= o.At)
            .Select(o => (decimal)(o.At - needs[o.HouseholdId].Last(n => n <= o.At)).TotalDays)
            .ToList();
        return (needs.Count, served, days.Count > 0 ? Round(days.Average(), 1) : null);
    }

    /// <summary>
    /// Unmet needs (household × item) raised up to the month's end — no provider found, or the order's money refused — with no
    /// funded work order for them after, by township or item.
    /// </summary>
    private static int Unmet(IReadOnlyCollection<SupervisionFact> facts, string key, KpiDimension dimension, DateOnly month, HashSet<Guid?> refused)
    {
        var upToMonth = facts.Where(f => f.Month <= month && (dimension == KpiDimension.Township ? f.TownshipCode == key : f.ItemCode == key)).ToList();
        var ordered = upToMonth.Where(f => f.Kind == FactKind.OrderCreated && !refused.Contains(f.SubjectId)).GroupBy(f => (f.HouseholdId, f.ItemCode)).ToDictionary(g => g.Key, g => g.Max(f => f.At));
        return upToMonth.Where(f => f.Kind is FactKind.NeedUnmet or FactKind.FundsRejected).GroupBy(f => (f.HouseholdId, f.ItemCode))
            .Count(g => !ordered.TryGetValue(g.Key, out var lastOrder) || lastOrder < g.Max(f => f.At));
    }

    private static decimal Ratio(int part, int whole) => Round((decimal)part / whole, 4);

    /// <summary>Rounded as people round (4.25 → 4.3), not to even.</summary>
    private static decimal Round(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
}
