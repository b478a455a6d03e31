using ReliefPlatform.Funding.Domain.Supervision;

namespace ReliefPlatform.UnitTests.Funding;

/// <summary>The KPIs of a small, fully known month: every figure worked out by hand.</summary>
public sealed class KpiCalculatorTests
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";
    private const decimal Rate = 25.00m;
    private static readonly DateOnly November = new(2026, 11, 1);

    // County time is UTC+8: 2026-10-31T20:00Z is already 1 November in the county.
    private static readonly DateTimeOffset Oct20 = new(2026, 10, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov1 = new(2026, 10, 31, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov5 = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov11 = new(2026, 11, 11, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();
    private static readonly Guid OrderA = Guid.NewGuid(), OrderB = Guid.NewGuid(), OrderC = Guid.NewGuid(), OrderB2 = Guid.NewGuid();
    private static readonly Guid Complaint1 = Guid.NewGuid(), Complaint2 = Guid.NewGuid();

    private static List<SupervisionFact> Facts() =>
    [
        // 衡山镇: A assessed in October with needs; B, C in November with needs; D in November without needs.
        SupervisionFact.Record(FactKind.Assessed, Oct20, Hengshan, A),
        SupervisionFact.Record(FactKind.NeedsIdentified, Oct20, Hengshan, A),
        SupervisionFact.Record(FactKind.Assessed, Nov1, Hengshan, B),
        SupervisionFact.Record(FactKind.NeedsIdentified, Nov1, Hengshan, B),
        SupervisionFact.Record(FactKind.Assessed, Nov1, Hengshan, C),
        SupervisionFact.Record(FactKind.NeedsIdentified, Nov1, Hengshan, C),
        SupervisionFact.Record(FactKind.Assessed, Nov5, Hengshan, D),

        // A was first served in October; B's first order 4 days after its needs; C's only order cancelled.
        SupervisionFact.Record(FactKind.OrderCreated, Oct20.AddDays(2), Hengshan, A, OrderA, "daily-care", "p1", "HS-01", amount: 120m),
        SupervisionFact.Record(FactKind.OrderCreated, Nov5, Hengshan, B, OrderB, "daily-care", "p1", "HS-01", amount: 60m),
        SupervisionFact.Record(FactKind.OrderCreated, Nov5, Hengshan, C, OrderC, "meal-delivery", "p2", "HS-02", amount: 30m),
        SupervisionFact.Record(FactKind.OrderCancelled, Nov5.AddHours(1), Hengshan, C, OrderC, projectCode: "HS-02"),
        SupervisionFact.Record(FactKind.OrderCreated, Nov11, Hengshan, B, OrderB2, "companionship", "volunteers", "", amount: 0m),

        SupervisionFact.Record(FactKind.Delivered, Nov5, Hengshan, A, OrderA, "daily-care", "p1", "HS-01", minutes: 110, flaggedShort: true),
        SupervisionFact.Record(FactKind.Delivered, Nov11, Hengshan, B, OrderB, "daily-care", "p1", "HS-01", minutes: 120),
        SupervisionFact.Record(FactKind.Confirmed, Nov5, Hengshan, A, OrderA, "daily-care", "p1", "HS-01", satisfaction: 5, minutes: 110, amount: 120m),
        SupervisionFact.Record(FactKind.Confirmed, Nov11, Hengshan, B, OrderB, "daily-care", "p1", "HS-01", satisfaction: 2, minutes: 120, amount: 60m),
        SupervisionFact.Record(FactKind.Confirmed, Nov11, Hengshan, B, OrderB2, "companionship", "volunteers", "", satisfaction: 4, minutes: 90, amount: 0m),

        SupervisionFact.Record(FactKind.ComplaintRaised, Nov5, Hengshan, B, Complaint1),
        SupervisionFact.Record(FactKind.ComplaintClosed, Nov11, Hengshan, B, Complaint1, days: 6m),
        SupervisionFact.Record(FactKind.ComplaintRaised, Nov11, Hengshan, C, Complaint2),

        // Unmet needs: B's daily-care found no provider in October but has an order since; D's meal delivery is still unmet.
        SupervisionFact.Record(FactKind.NeedUnmet, Oct20, Hengshan, B, Guid.NewGuid(), "daily-care"),
        SupervisionFact.Record(FactKind.NeedUnmet, Nov11, Hengshan, D, Guid.NewGuid(), "meal-delivery"),

        // 佛子岭镇: one assessment with needs, nothing served; December facts must not count for November.
        SupervisionFact.Record(FactKind.Assessed, Nov5, Foziling, Guid.NewGuid()),
        SupervisionFact.Record(FactKind.Confirmed, Dec1, Hengshan, A, OrderA, "daily-care", "p1", "HS-01", satisfaction: 1, minutes: 10, amount: 999m),
    ];

    private static readonly Dictionary<string, BudgetFigures> TownshipBudgets = new(StringComparer.Ordinal) { [Hengshan] = new BudgetFigures(1000m, 180m) };

    [Fact]
    public void By_township_the_household_measures_coverage_and_first_services_are_counted()
    {
        var rows = KpiCalculator.Compute(Facts(), November, KpiDimension.Township, TownshipBudgets, Rate);

        var hengshan = rows.Single(r => r.Key == Hengshan);
        Assert.Equal(3, hengshan.HouseholdsAssessed);          // B, C, D this month (A in October)
        Assert.Equal(3, hengshan.HouseholdsWithNeeds);         // A, B, C up to the month's end
        Assert.Equal(2, hengshan.HouseholdsServed);            // A and B; C's only order was cancelled
        Assert.Equal(0.6667m, hengshan.Coverage);
        Assert.Equal(1, hengshan.UnmetNeeds);                  // D's meal delivery; B's daily-care was met on 5 Nov
        Assert.Equal(4.3m, hengshan.DaysNeedToFirstService);   // B: needs at 04:00 on 1 Nov (county), first order 10:00 on 5 Nov = 4.25 days
        Assert.Equal(3, hengshan.OrdersCreated);
        Assert.Equal(2, hengshan.ServicesDelivered);
        Assert.Equal(1, hengshan.FlaggedShort);
        Assert.Equal(3, hengshan.ServicesConfirmed);
        Assert.Equal(3.67m, hengshan.SatisfactionMean);        // (5 + 2 + 4) / 3
        Assert.Equal(0.6667m, hengshan.SatisfiedShare);        // 5 and 4
        Assert.Equal(2, hengshan.Complaints);
        Assert.Equal(1, hengshan.ComplaintsClosed);
        Assert.Equal(6.0m, hengshan.ResolutionDaysMean);
        Assert.Equal(180m, hengshan.ConfirmedThisMonth);        // December's 999 is not November's
        Assert.Equal(0.18m, hengshan.SpendRate);
        Assert.Equal(1.5m, hengshan.FreeServiceHours);          // the 90 volunteer minutes
        Assert.Equal(37.50m, hengshan.FreeServiceValue);        // at 25 yuan an hour, apart from the money spent

        var foziling = rows.Single(r => r.Key == Foziling);
        Assert.Equal(1, foziling.HouseholdsAssessed);
        Assert.Equal(0, foziling.HouseholdsWithNeeds);
        Assert.Null(foziling.Coverage);
        Assert.Null(foziling.SatisfactionMean);
    }

    [Fact]
    public void By_item_provider_and_project_the_services_satisfaction_and_money_split()
    {
        var items = KpiCalculator.Compute(Facts(), November, KpiDimension.Item, new Dictionary<string, BudgetFigures>(), Rate);
        Assert.Equal(["companionship", "daily-care", "meal-delivery"], items.Select(r => r.Key));
        var care = items.Single(r => r.Key == "daily-care");
        Assert.Equal((1, 2, 2, 3.5m, 180m), (care.OrdersCreated, care.ServicesDelivered, care.ServicesConfirmed, care.SatisfactionMean!.Value, care.ConfirmedThisMonth));
        Assert.Equal(0, care.HouseholdsAssessed);
        Assert.Equal(0, care.UnmetNeeds);
        Assert.Equal(1, items.Single(r => r.Key == "meal-delivery").UnmetNeeds);

        var providers = KpiCalculator.Compute(Facts(), November, KpiDimension.Provider, new Dictionary<string, BudgetFigures>(), Rate);
        Assert.Equal(1.5m, providers.Single(r => r.Key == "volunteers").FreeServiceHours);
        Assert.Equal(0.5m, providers.Single(r => r.Key == "p1").SatisfiedShare);

        var projects = KpiCalculator.Compute(Facts(), November, KpiDimension.Project,
            new Dictionary<string, BudgetFigures>(StringComparer.Ordinal) { ["HS-03"] = new BudgetFigures(500m, 0m) }, Rate);
        Assert.Equal(["HS-01", "HS-02", "HS-03"], projects.Select(r => r.Key));
        Assert.Equal(0m, projects.Single(r => r.Key == "HS-03").SpendRate);
        Assert.Equal(0, projects.Single(r => r.Key == "HS-02").ServicesConfirmed);
    }

    [Fact]
    public void An_order_refused_its_money_is_an_unmet_need_and_money_is_split_into_committed_confirmed_and_paid()
    {
        var e = Guid.NewGuid();
        var refusedOrder = Guid.NewGuid();
        var paidOrder = Guid.NewGuid();
        List<SupervisionFact> facts =
        [
            SupervisionFact.Record(FactKind.NeedsIdentified, Nov1, Foziling, e),
            SupervisionFact.Record(FactKind.OrderCreated, Nov5, Foziling, e, refusedOrder, "meal-delivery", "p1", "HS-09", amount: 40m),
            SupervisionFact.Record(FactKind.FundsRejected, Nov5, Foziling, e, refusedOrder, "meal-delivery", "p1", "HS-09", amount: 40m),
            SupervisionFact.Record(FactKind.OrderCreated, Nov5, Foziling, A, paidOrder, "daily-care", "p1", "HS-09", amount: 100m),
            SupervisionFact.Record(FactKind.Confirmed, Nov11, Foziling, A, paidOrder, "daily-care", "p1", "HS-09", satisfaction: 5, amount: 90m),
            SupervisionFact.Record(FactKind.Paid, Nov11.AddDays(1), Foziling, A, paidOrder, "daily-care", "p1", "HS-09", amount: 80m),
        ];

        var foziling = KpiCalculator.Compute(facts, November, KpiDimension.Township, new Dictionary<string, BudgetFigures>(), Rate).Single();
        Assert.Equal(0, foziling.HouseholdsServed);            // E's only order was refused its money: not served
        Assert.Equal(1, foziling.UnmetNeeds);                  // …but an unmet need
        Assert.Null(foziling.DaysNeedToFirstService);          // a refused order is no first service

        var project = KpiCalculator.Compute(facts, November, KpiDimension.Project, new Dictionary<string, BudgetFigures>(), Rate).Single();
        Assert.Equal((100m, 90m, 80m), (project.CommittedThisMonth, project.ConfirmedThisMonth, project.PaidThisMonth));
    }
}
