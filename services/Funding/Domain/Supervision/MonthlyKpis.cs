namespace ReliefPlatform.Funding.Domain.Supervision;

/// <summary>What one month's facts of one kind add up to (counted in the database, one row per month and kind).</summary>
/// <param name="ScoreSum">For confirmations: the sum of their satisfaction scores.</param>
/// <param name="Scored">For confirmations: how many have a score.</param>
/// <param name="Satisfied">For confirmations: how many scored 4 or 5.</param>
public sealed record MonthFigures(DateOnly Month, FactKind Kind, int Count, decimal Amount, int ScoreSum, int Scored, int Satisfied, int Migrated);

/// <summary>
/// The supervision KPIs of one month, county-wide (or for one project or township), for trends.
/// </summary>
/// <param name="ConfirmedRate">Of the services delivered in the month, the share the recipient has confirmed (to date).</param>
/// <param name="Spend">Paid to providers in the month (after deductions), with the spend of migrated services in the month they happened.</param>
/// <param name="MigratedServices">Services delivered in the month that came from the county's records before the platform.</param>
public sealed record MonthlyKpiRow(
    string Month, int OrdersCreated, int ServicesDelivered, int ServicesConfirmed, decimal? ConfirmedRate, decimal? SatisfactionMean, decimal? SatisfiedShare,
    decimal ConfirmedAmount, decimal Spend, int MigratedServices);

public static class MonthlyKpis
{
    public const int MaxMonths = 24;

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/> (first days), each with its row — zeros for a month when nothing happened.</summary>
    /// <param name="confirmedOfDelivered">Per month: how many of the services delivered that month have been confirmed.</param>
    public static IReadOnlyList<MonthlyKpiRow> Compute(
        IReadOnlyCollection<MonthFigures> figures, IReadOnlyDictionary<DateOnly, int> confirmedOfDelivered, DateOnly from, DateOnly to)
    {
        var rows = new List<MonthlyKpiRow>();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var mine = figures.Where(f => f.Month == month).ToList();
            MonthFigures? Of(FactKind kind) => mine.Find(f => f.Kind == kind);
            var delivered = Of(FactKind.Delivered);
            var confirmed = Of(FactKind.Confirmed);
            var deliveredCount = delivered?.Count ?? 0;
            rows.Add(new MonthlyKpiRow(
                month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                OrdersCreated: Of(FactKind.OrderCreated)?.Count ?? 0,
                ServicesDelivered: deliveredCount,
                ServicesConfirmed: confirmed?.Count ?? 0,
                ConfirmedRate: deliveredCount > 0 ? Ratio(confirmedOfDelivered.GetValueOrDefault(month), deliveredCount) : null,
                SatisfactionMean: confirmed is { Scored: > 0 } c ? Round((decimal)c.ScoreSum / c.Scored, 2) : null,
                SatisfiedShare: confirmed is { Scored: > 0 } s ? Ratio(s.Satisfied, s.Scored) : null,
                ConfirmedAmount: confirmed?.Amount ?? 0m,
                Spend: Of(FactKind.Paid)?.Amount ?? 0m,
                MigratedServices: delivered?.Migrated ?? 0));
        }

        return rows;
    }

    private static decimal Ratio(int part, int whole) => Round((decimal)part / whole, 4);

    private static decimal Round(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
}
