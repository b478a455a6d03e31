using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Providers;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Delivery.IntegrationEvents;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// Delivery keeps each provider's standing from Provider's events and gives work only to providers in good standing — on
/// PostgreSQL, with Delivery's real consumers, recurrence sweeper and plan rematcher on a clock the test moves, and Provider's
/// eligibility answered as Provider would (a suspended provider is not eligible there either). A weekly line whose provider
/// is suspended is matched to another contracted provider from the current week on, or is unmet with the reason until the
/// provider is reinstated, when it is served by it again; the coming weeks never go to the suspended provider.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProviderStandingTests(PostgresServerFixture postgres)
{
    private const string Township = "341525100";
    private const string Suspended = "provider-p";
    private const string Other = "provider-q";
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Monday 2026-06-01, 09:00 in the county.
    private static readonly DateTimeOffset Monday = County(2026, 6, 1, 9, 0);
    private static readonly DateOnly Week1 = new(2026, 6, 1);
    private static readonly DateOnly Week2 = new(2026, 6, 8);
    private static readonly DateOnly Week3 = new(2026, 6, 15);

    [Fact]
    public async Task A_suspended_providers_weekly_line_goes_to_another_contracted_provider_and_no_coming_week_is_ordered_from_it()
    {
        var clock = new FakeTimeProvider(Monday);
        var provider = new ProviderNetwork();
        await using var bench = await BenchAsync(clock, provider);
        // The other provider is contracted under another project at another price: the open orders cannot simply be moved to it.
        var plan = await ApprovedWeeklyPlanAsync(bench, (Suspended, "HS-2026-01", 60.00m), (Other, "HS-2026-02", 55.00m));
        var county = Sweepers(bench, clock);

        await county.Recurrence.SweepAsync(default);
        Assert.Equal([(Week1, Suspended, WorkOrderStatus.AwaitingFunds), (Week2, Suspended, WorkOrderStatus.AwaitingFunds)], await OrdersAsync(bench, plan));

        clock.Advance(TimeSpan.FromHours(1));
        provider.Suspend(Suspended);
        await bench.DeliverAsync([Delivery.Of(new ProviderSuspended(Guid.Parse(ProviderGuid(Suspended)), false, clock.GetUtcNow()))]);

        // Its orders not started are cancelled with the reason; the line waits for a new match and nothing is ordered meanwhile.
        Assert.Equal([(Week1, Suspended, WorkOrderStatus.Cancelled), (Week2, Suspended, WorkOrderStatus.Cancelled)], await OrdersAsync(bench, plan));
        var waiting = await LineAsync(bench, plan);
        Assert.True(waiting.AwaitingMatch);
        Assert.Equal((null, ProviderGuid(Suspended)), (waiting.ProviderId, waiting.LostProviderId));
        Assert.Equal(0, await county.Recurrence.SweepAsync(default));

        // The rematcher asks Provider again: the other contracted provider takes the line from this week on, at its own contract.
        Assert.Equal(1, await county.Rematcher.SweepAsync(default));
        var rematched = await LineAsync(bench, plan);
        Assert.Equal((ProviderGuid(Other), (string?)null), (rematched.ProviderId, rematched.LostProviderId));
        await county.Recurrence.SweepAsync(default);
        clock.SetUtcNow(County(2026, 6, 8, 8, 0));
        await county.Recurrence.SweepAsync(default);

        Assert.Equal(
            [(Week1, Suspended, WorkOrderStatus.Cancelled), (Week1, Other, WorkOrderStatus.AwaitingFunds), (Week2, Suspended, WorkOrderStatus.Cancelled),
                (Week2, Other, WorkOrderStatus.AwaitingFunds), (Week3, Other, WorkOrderStatus.AwaitingFunds)],
            await OrdersAsync(bench, plan));
        await bench.QueryAsync(async db =>
        {
            // Each week claimed once, by the live order.
            var claims = await db.LinePeriods.AsNoTracking().Where(p => p.PlanId == plan).OrderBy(p => p.Starts).ToListAsync();
            var live = await db.WorkOrders.AsNoTracking().Where(o => o.PlanId == plan && o.Status != WorkOrderStatus.Cancelled).ToDictionaryAsync(o => o.Id);
            Assert.Equal([Week1, Week2, Week3], claims.Select(c => c.Starts));
            Assert.All(claims, c => Assert.Equal(ProviderGuid(Other), live[c.WorkOrderId!.Value].ProviderId));
            Assert.All(live.Values, o => Assert.Equal(55.00m, o.UnitPrice));
            return 0;
        });
    }

    [Fact]
    public async Task With_nobody_else_the_line_is_unmet_for_the_suspension_until_the_provider_is_reinstated_and_then_served_by_it_again()
    {
        var clock = new FakeTimeProvider(Monday);
        var provider = new ProviderNetwork();
        await using var bench = await BenchAsync(clock, provider);
        var plan = await ApprovedWeeklyPlanAsync(bench, (Suspended, "HS-2026-01", 60.00m));
        var county = Sweepers(bench, clock);
        await county.Recurrence.SweepAsync(default);

        var suspendedAt = clock.GetUtcNow().AddMinutes(5);
        clock.SetUtcNow(suspendedAt);
        provider.Suspend(Suspended);
        await bench.DeliverAsync([Delivery.Of(new ProviderSuspended(Guid.Parse(ProviderGuid(Suspended)), false, suspendedAt))]);
        await county.Rematcher.SweepAsync(default);

        // Unmet, saying why, in the county's list and to Funding's supervision; the recurrence orders nothing while it lasts.
        var unmet = await LineAsync(bench, plan);
        Assert.True(unmet.Unmet);
        Assert.Equal((null, "provider-suspended", ProviderGuid(Suspended)), (unmet.ProviderId, unmet.UnmetReason, unmet.LostProviderId));
        var announced = await bench.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(nameof(ServiceNeedUnmatched))).ToListAsync());
        Assert.Contains("provider-suspended", Assert.Single(announced).Payload, StringComparison.Ordinal);
        clock.SetUtcNow(County(2026, 6, 8, 8, 0));
        Assert.Equal(0, await county.Recurrence.SweepAsync(default));
        Assert.DoesNotContain(await OrdersAsync(bench, plan), o => o.Status != WorkOrderStatus.Cancelled);

        // Reinstated (a county administrator, Provider says eligible again): the line is matched again and it is served by the provider.
        var reinstatedAt = clock.GetUtcNow();
        provider.Reinstate(Suspended);
        await bench.DeliverAsync([Delivery.Of(new ProviderApproved(Guid.Parse(ProviderGuid(Suspended)), "elderly-care-organisation", null, reinstatedAt))]);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await county.Rematcher.SweepAsync(default));
        await county.Recurrence.SweepAsync(default);
        var served = await LineAsync(bench, plan);
        Assert.Equal((ProviderGuid(Suspended), (string?)null, (string?)null), (served.ProviderId, served.UnmetReason, served.LostProviderId));
        Assert.Equal([Week2, Week3], (await OrdersAsync(bench, plan)).Where(o => o.Status != WorkOrderStatus.Cancelled).Select(o => o.Week));

        // The suspension delivered again late (an older fact) takes nothing away.
        await bench.DeliverAsync([Delivery.Of(new ProviderSuspended(Guid.Parse(ProviderGuid(Suspended)), false, suspendedAt))]);
        Assert.Equal(ProviderGuid(Suspended), (await LineAsync(bench, plan)).ProviderId);
        Assert.Equal(ProviderStandingStatus.Approved,
            await bench.QueryAsync(db => db.ProviderStandings.AsNoTracking().Where(s => s.ProviderId == ProviderGuid(Suspended)).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_recurrence_makes_no_order_for_a_line_still_naming_a_suspended_provider_and_hands_the_line_back_to_matching()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bench = await BenchAsync(clock, new ProviderNetwork());
        var plan = await ApprovedWeeklyPlanAsync(bench, (Suspended, "HS-2026-01", 60.00m));
        // Delivery knows of the suspension, and the line still names the provider (matched from an answer read just before it).
        await bench.QueryAsync(async db =>
        {
            var standing = ProviderStanding.Learn(ProviderGuid(Suspended));
            standing.Apply(ProviderStandingStatus.Suspended, Monday.AddMinutes(-1));
            db.ProviderStandings.Add(standing);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, await Sweepers(bench, clock).Recurrence.SweepAsync(default));
        Assert.Empty(await OrdersAsync(bench, plan));
        var line = await LineAsync(bench, plan);
        Assert.True(line.AwaitingMatch);
        Assert.Equal((null, ProviderGuid(Suspended)), (line.ProviderId, line.LostProviderId));
    }

    [Fact]
    public async Task A_providers_standing_is_its_latest_fact_whatever_the_order_the_events_arrive_in()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bench = await BenchAsync(clock, new ProviderNetwork());
        var t0 = Monday.AddDays(-10);

        var reinstated = await EveryOrder.RunAsync(bench, Guid.NewGuid, p =>
        [
            ("approved", new ProviderApproved(p, "elderly-care-organisation", null, t0)),
            ("suspended", new ProviderSuspended(p, false, t0.AddDays(1))),
            ("reinstated", new ProviderApproved(p, "elderly-care-organisation", null, t0.AddDays(2))),
        ], StandingOf);
        EveryOrder.AssertAllEqual(reinstated, "Approved");

        var terminated = await EveryOrder.RunAsync(bench, Guid.NewGuid, p =>
        [
            ("approved", new ProviderApproved(p, "elderly-care-organisation", null, t0)),
            ("suspended", new ProviderSuspended(p, false, t0.AddDays(1))),
            ("terminated", new ProviderSuspended(p, true, t0.AddDays(2))),
        ], StandingOf);
        EveryOrder.AssertAllEqual(terminated, "Terminated");

        static async Task<string> StandingOf(DeliveryDbContext db, Guid provider) =>
            (await db.ProviderStandings.AsNoTracking().SingleAsync(s => s.ProviderId == provider.ToString())).Status.ToString();
    }

    private Task<ConsumerBench<DeliveryDbContext>> BenchAsync(FakeTimeProvider clock, ProviderNetwork provider) =>
        ConsumerBench<DeliveryDbContext>.StartAsync(postgres, [typeof(ProviderSuspendedConsumer), typeof(ProviderApprovedConsumer)], services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddOptions<ServiceLevelOptions>();
            services.AddScoped<ProviderMatcher>();
            services.AddHttpClient(ResourceNames.Provider, client => client.BaseAddress = new Uri("http://provider"))
                .ConfigurePrimaryHttpMessageHandler(() => provider);
        });

    /// <summary>The plan's daily-care orders, week by week: (week, provider, state).</summary>
    private static Task<List<(DateOnly Week, string Provider, WorkOrderStatus Status)>> OrdersAsync(ConsumerBench<DeliveryDbContext> bench, Guid plan) =>
        bench.QueryAsync(async db => (await db.WorkOrders.AsNoTracking().Where(o => o.PlanId == plan).ToListAsync())
            .Select(o => (o.PeriodStarts!.Value, Name(o.ProviderId), o.Status)).OrderBy(o => o.Item1).ThenBy(o => o.Item3 == WorkOrderStatus.Cancelled ? 0 : 1).ToList());

    private static Task<PlanLine> LineAsync(ConsumerBench<DeliveryDbContext> bench, Guid plan) =>
        bench.QueryAsync(db => db.Set<PlanLine>().AsNoTracking().SingleAsync(l => l.PlanId == plan && l.ItemCode == "daily-care"));

    private static async Task<Guid> ApprovedWeeklyPlanAsync(ConsumerBench<DeliveryDbContext> bench, params (string Provider, string Project, decimal Price)[] contracts) =>
        await bench.QueryAsync(async db =>
        {
            foreach (var (name, project, price) in contracts)
            {
                db.Contracts.Add(KnownContract.Learn(Guid.NewGuid(), $"HT-{name}", 2026, project, ProviderGuid(name), [Township], new DateOnly(2026, 1, 1),
                    new DateOnly(2026, 12, 31), "daily-care", price, 500));
            }

            var plan = ServicePlan.Draft(Guid.NewGuid(), Township, Guid.NewGuid(), 1, [new PlanLine.Proposal("daily-care", "日间照料", 3, "Week", 60, "符合")],
                "[]", Monday.AddDays(-1));
            plan.Approve("township", Monday.AddDays(-1));
            plan.RecordMatch("daily-care", ProviderGuid(Suspended), null, "选定");
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

    private static CountySweepers Sweepers(ConsumerBench<DeliveryDbContext> bench, TimeProvider clock)
    {
        var leases = new JobLeases("Host=unused", clock, NullLogger<JobLeases>.Instance);
        return new CountySweepers(
            new RecurringOrderSweeper(bench.Scopes, Options.Create(new RecurringOptions()), leases, clock, NullLogger<RecurringOrderSweeper>.Instance),
            new PlanRematcher(bench.Scopes, leases, clock, NullLogger<PlanRematcher>.Instance));
    }

    private sealed record CountySweepers(RecurringOrderSweeper Recurrence, PlanRematcher Rematcher);

    // Providers are known to Delivery by their Provider ids (GUIDs); the test names them.
    private static string ProviderGuid(string name) => name == Suspended ? "0b7c9f1e-0000-4000-8000-00000000000a" : "0b7c9f1e-0000-4000-8000-00000000000b";

    private static string Name(string providerId) => providerId == ProviderGuid(Suspended) ? Suspended : providerId == ProviderGuid(Other) ? Other : providerId;

    /// <summary>A county time (UTC+8) as the UTC instant the clock and PostgreSQL take.</summary>
    private static DateTimeOffset County(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Shanghai).ToUniversalTime();

    /// <summary>
    /// Provider's <c>GET /api/provider/eligibility</c> as Provider answers it: every provider of the network offering daily care
    /// in the township, eligible unless suspended.
    /// </summary>
    private sealed class ProviderNetwork : HttpMessageHandler
    {
        private readonly HashSet<string> _suspended = [];

        public void Suspend(string name) => _suspended.Add(name);

        public void Reinstate(string name) => _suspended.Remove(name);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new[] { Suspended, Other }.Select(name => new
            {
                providerId = ProviderGuid(name), name, eligible = !_suspended.Contains(name), openOrders = 0, pairedWithHousehold = false,
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(answer), Encoding.UTF8, "application/json"),
            });
        }
    }
}
