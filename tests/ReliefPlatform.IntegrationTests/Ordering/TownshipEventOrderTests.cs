using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;
using ReliefPlatform.Township.IntegrationEvents;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// The hub's events reach a township centre on separate queues, so any of them may come first, and any may come twice.
/// For each group of events that can race, every ordering (each event then delivered again) must end in the one state
/// the rules give — written out here from the rules, not read from the code.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TownshipEventOrderTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private const string Code = "341525100";
    private const string Village = "341525100201";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private ConsumerBench<TownshipDbContext> _bench = null!;

    public async Task InitializeAsync() =>
        _bench = await ConsumerBench<TownshipDbContext>.StartAsync(postgres,
            [.. typeof(TownshipEventConsumer<>).Assembly.GetTypes().Where(t => t is { IsAbstract: false } && t.IsAssignableTo(typeof(IConsumer)))],
            services => services.AddSingleton(new CurrentTownship(Code, "衡山镇", "hengshan", [])));

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    private sealed record Household(Guid Id, Guid Alert, Guid LateAlert, Guid Order);

    [Fact]
    public async Task A_household_ends_registered_assessed_and_with_the_right_visits_whatever_order_its_events_arrive_in()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Household(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), h =>
        [
            ("registered", new HouseholdRegistered(h.Id, Code, Village, "低保", 3, T0)),
            ("alert before assessment", new DiscoveryAlertRaised(h.Alert, h.Id, Code, Village, "elderly-living-alone", new DateOnly(2026, 6, 10), T0.AddDays(1))),
            ("assessed", new NeedsAssessed(Guid.NewGuid(), h.Id, Code, Village, 1, "Serious", ["economic"], ["meal-assistance"], new DateOnly(2026, 12, 6), T0.AddDays(5))),
            ("low satisfaction", new SatisfactionRecorded(h.Order, h.Id, Code, "provider-1", "meal-assistance", 1, false, T0.AddDays(10))),
            ("alert after assessment", new DiscoveryAlertRaised(h.LateAlert, h.Id, Code, Village, "hospitalised", new DateOnly(2026, 6, 30), T0.AddDays(20))),
        ], DescribeHouseholdAsync);

        // Registered with what the registration said; the assessment's degree and next due date; the alert raised before the
        // assessment answered by it, the one after still open; the low score followed up in the household's village in 3 days.
        EveryOrder.AssertAllEqual(results,
            $"household registered=True village={Village} category=低保 members=3 registeredAt={T0:O} degree=Serious due=2026-12-06"
            + $" | DiscoveryVisit elderly-living-alone village={Village} due=2026-06-10 Done by=assessment at={T0.AddDays(5):O}"
            + $" | DiscoveryVisit hospitalised village={Village} due=2026-06-30 Open"
            + $" | LowSatisfaction satisfaction-1 village={Village} due=2026-06-14 Open");
    }

    [Fact]
    public async Task The_latest_assessment_stands_whichever_arrives_last()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Household(Guid.NewGuid(), Guid.Empty, Guid.Empty, Guid.Empty), h =>
        [
            ("registered", new HouseholdRegistered(h.Id, Code, Village, "特困供养", 1, T0)),
            ("first assessment", new NeedsAssessed(Guid.NewGuid(), h.Id, Code, Village, 1, "Severe", [], [], new DateOnly(2026, 9, 1), T0.AddDays(1))),
            ("reassessment", new NeedsAssessed(Guid.NewGuid(), h.Id, Code, Village, 1, "General", [], [], new DateOnly(2027, 9, 1), T0.AddDays(90))),
        ], DescribeHouseholdAsync);

        EveryOrder.AssertAllEqual(results,
            $"household registered=True village={Village} category=特困供养 members=1 registeredAt={T0:O} degree=General due=2027-09-01");
    }

    [Fact]
    public async Task An_imported_household_assessed_before_its_import_arrives_keeps_both()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Household(Guid.NewGuid(), Guid.Empty, Guid.Empty, Guid.Empty), h =>
        [
            ("imported", new HouseholdsImported(Guid.NewGuid(), Code, [new ImportedHousehold(h.Id, Village, "低保边缘", 2)], T0)),
            ("assessed", new NeedsAssessed(Guid.NewGuid(), h.Id, Code, Village, 1, "Serious", [], [], new DateOnly(2026, 12, 1), T0.AddDays(3))),
        ], DescribeHouseholdAsync);

        EveryOrder.AssertAllEqual(results,
            $"household registered=True village={Village} category=低保边缘 members=2 registeredAt={T0:O} degree=Serious due=2026-12-01");
    }

    private sealed record Order(Guid Id, Guid Household);

    [Fact]
    public async Task A_late_order_handed_to_another_provider_is_no_longer_followed_up_whatever_the_order_of_events()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Order(Guid.NewGuid(), Guid.NewGuid()), o =>
        [
            ("created", new WorkOrderCreated(o.Id, o.Household, Code, "meal-assistance", "provider-a", 2026, "P-1", 4, 20m, 80m, T0)),
            ("assigned", new WorkOrderAssigned(o.Id, o.Household, Code, "meal-assistance", "provider-a", T0.AddDays(1), T0.AddDays(7), T0.AddMinutes(1))),
            ("response missed", new WorkOrderDeadlineMissed(o.Id, o.Household, Code, "response", T0.AddDays(1), T0.AddDays(1).AddMinutes(5))),
            ("reassigned", new WorkOrderReassigned(o.Id, o.Household, Code, "meal-assistance", "provider-a", "provider-b", "no-response",
                T0.AddDays(3), T0.AddDays(9), T0.AddDays(2))),
        ], DescribeOrderAsync);

        EveryOrder.AssertAllEqual(results, $"order meal-assistance provider-b units=4 Assigned late=none updated={T0.AddDays(2):O}");
    }

    [Fact]
    public async Task The_new_provider_missing_its_own_deadline_is_followed_up_whatever_the_order_of_events()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Order(Guid.NewGuid(), Guid.NewGuid()), o =>
        [
            ("created", new WorkOrderCreated(o.Id, o.Household, Code, "bathing-assistance", "provider-a", 2026, "P-1", 2, 30m, 60m, T0)),
            ("reassigned", new WorkOrderReassigned(o.Id, o.Household, Code, "bathing-assistance", "provider-a", "provider-b", "household-request",
                T0.AddDays(2), T0.AddDays(8), T0.AddDays(1))),
            ("completion missed", new WorkOrderDeadlineMissed(o.Id, o.Household, Code, "completion", T0.AddDays(8), T0.AddDays(8).AddMinutes(5))),
        ], DescribeOrderAsync);

        EveryOrder.AssertAllEqual(results,
            $"order bathing-assistance provider-b units=2 Assigned late=completion since {T0.AddDays(8):O} updated={T0.AddDays(8).AddMinutes(5):O}");
    }

    [Fact]
    public async Task A_delivered_and_confirmed_order_ends_confirmed_with_what_was_delivered_whatever_the_order_of_events()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Order(Guid.NewGuid(), Guid.NewGuid()), o =>
        [
            ("created", new WorkOrderCreated(o.Id, o.Household, Code, "cleaning-assistance", "provider-a", 2026, "P-1", 4, 25m, 100m, T0)),
            ("delivered", new ServiceDelivered(o.Id, o.Household, Code, "provider-a", "cleaning-assistance", 3, 25m, 45, true, T0.AddDays(2), ["short"])),
            ("confirmed", new ServiceConfirmed(o.Id, o.Household, Code, "provider-a", "cleaning-assistance", 3, 25m, 75m, 45, 4, T0.AddDays(3))),
        ], DescribeOrderAsync);

        EveryOrder.AssertAllEqual(results,
            $"order cleaning-assistance provider-a units=3 Confirmed minutes=45 flags=short satisfaction=4 late=none updated={T0.AddDays(3):O}");
    }

    [Fact]
    public async Task A_cancellation_heard_before_the_order_leaves_it_cancelled_with_its_item_and_provider()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Order(Guid.NewGuid(), Guid.NewGuid()), o =>
        [
            ("created", new WorkOrderCreated(o.Id, o.Household, Code, "errand-running", "provider-a", 2026, "P-1", 1, 15m, 15m, T0)),
            ("cancelled", new WorkOrderCancelled(o.Id, o.Household, Code, "household-declined", T0.AddHours(2))),
        ], DescribeOrderAsync);

        EveryOrder.AssertAllEqual(results, $"order errand-running provider-a units=1 Cancelled late=none updated={T0.AddHours(2):O}");
    }

    [Fact]
    public async Task A_complaint_closed_before_it_was_heard_raised_ends_closed_with_its_category_and_deadline()
    {
        var results = await EveryOrder.RunAsync(_bench, () => new Order(Guid.NewGuid(), Guid.NewGuid()), c =>
        [
            ("raised", new ComplaintRaised(c.Id, c.Household, Code, "attitude", T0.AddDays(7), T0)),
            ("closed", new ComplaintClosed(c.Id, c.Household, Code, T0.AddDays(4))),
        ], async (db, c) =>
        {
            var complaint = await db.Complaints.AsNoTracking().SingleAsync(x => x.Id == c.Id);
            return $"complaint {complaint.Category} due={complaint.DueBy:O} received={complaint.ReceivedAt:O} closed={complaint.ClosedAt:O}";
        });

        EveryOrder.AssertAllEqual(results, $"complaint attitude due={T0.AddDays(7):O} received={T0:O} closed={T0.AddDays(4):O}");
    }

    private static async Task<string> DescribeHouseholdAsync(TownshipDbContext db, Household h)
    {
        var household = await db.Households.AsNoTracking().SingleAsync(x => x.HouseholdId == h.Id);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.HouseholdId == h.Id).ToListAsync();
        var parts = new List<string>
        {
            $"household registered={household.IsRegistered} village={household.VillageCode} category={household.Category} members={household.MemberCount}"
            + $" registeredAt={household.RegisteredAt.ToOffset(T0.Offset):O} degree={household.Degree} due={household.ReassessmentDueOn:yyyy-MM-dd}",
        };
        parts.AddRange(tasks
            .Select(t => $"{t.Kind} {t.Reason} village={t.VillageCode} due={t.DueOn:yyyy-MM-dd} {t.State}"
                + (t.DoneAt is { } done ? $" by={t.DoneBy} at={done.ToOffset(T0.Offset):O}" : ""))
            .Order(StringComparer.Ordinal));
        return string.Join(" | ", parts);
    }

    private static async Task<string> DescribeOrderAsync(TownshipDbContext db, Order o)
    {
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(x => x.Id == o.Id);
        var delivered = order.Minutes is { } minutes ? $" minutes={minutes} flags={string.Join(',', order.RecordFlags)}" : "";
        var satisfaction = order.Satisfaction is { } score ? $" satisfaction={score.ToString(CultureInfo.InvariantCulture)}" : "";
        var late = order.NeedsFollowUp ? $"{order.OverdueDeadline} since {order.OverdueSince!.Value.ToOffset(T0.Offset):O}" : "none";
        return $"order {order.ItemCode} {order.ProviderId} units={order.Units} {order.Status}{delivered}{satisfaction} late={late}"
            + $" updated={order.UpdatedAt.ToOffset(T0.Offset):O}";
    }
}
