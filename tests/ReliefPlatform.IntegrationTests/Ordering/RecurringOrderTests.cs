using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// Recurring services on PostgreSQL with a clock the test moves: a weekly plan line gets exactly one work order per week —
/// the current week's and, ahead of time, the next — however often it is swept and however many Delivery instances sweep
/// at once, until the plan's review date or the line's removal; a week no contract covers is an unmet need.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RecurringOrderTests(PostgresServerFixture postgres)
{
    private const string Township = "341525100";
    private const string Provider = "provider-a";
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Monday 2026-06-01, 09:00 in the county.
    private static readonly DateTimeOffset Monday = County(2026, 6, 1, 9, 0);

    [Fact]
    public async Task A_weekly_line_gets_exactly_one_order_per_week_across_sweeps_and_two_instances_until_the_plans_review()
    {
        var database = postgres.NewDatabase();
        // The plan is reviewed (next reassessment) on Monday 2026-06-22: weeks of 06-01, 06-08 and 06-15 only.
        var plan = await ApprovedWeeklyPlanAsync(database, reviewOn: new DateOnly(2026, 6, 22), contractUntil: new DateOnly(2026, 12, 31));
        var clock = new FakeTimeProvider(Monday);
        await using var first = Instance(database, clock);
        await using var second = Instance(database, clock);

        // Both instances at once, three times over: this week's and next week's order, once each.
        for (var sweep = 0; sweep < 3; sweep++)
        {
            await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default));
        }

        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8)], await OrderedWeeksAsync(database, plan));

        // Later in the week nothing new; from the next Monday (county time: Sunday 16:00 UTC) the week after is ordered.
        clock.SetUtcNow(County(2026, 6, 7, 23, 59));
        await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default));
        Assert.Equal(2, (await OrderedWeeksAsync(database, plan)).Count);
        clock.SetUtcNow(County(2026, 6, 8, 0, 1));
        await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default), first.Sweeper.SweepAsync(default));
        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 15)], await OrderedWeeksAsync(database, plan));

        // The week of 06-22 starts on the review date: the plan has ended there, so it is not ordered.
        clock.SetUtcNow(County(2026, 6, 15, 8, 0));
        await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default));
        clock.SetUtcNow(County(2026, 6, 22, 8, 0));
        await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default));
        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 15)], await OrderedWeeksAsync(database, plan));

        await using var check = Context(database);
        var orders = await check.WorkOrders.Where(o => o.PlanId == plan).OrderBy(o => o.PeriodStarts).ToListAsync();
        // Each week's money is asked for when its order is made (one WorkOrderCreated per order), at the line's sessions and the contract's price,
        // and each is due by the end of its own week.
        Assert.All(orders, o => Assert.Equal((3, 60.00m, WorkOrderStatus.AwaitingFunds), (o.Units, o.UnitPrice, o.Status)));
        Assert.Equal([County(2026, 6, 8, 0, 0), County(2026, 6, 15, 0, 0), County(2026, 6, 22, 0, 0)],
            orders.Select(o => new ServicePeriod(o.PeriodStarts!.Value, o.PeriodEnds!.Value).EndsAt));
        var created = await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(WorkOrderCreated))).CountAsync();
        Assert.Equal(3, created);
    }

    [Fact]
    public async Task An_instance_that_loses_the_race_for_a_period_drops_its_order_and_its_events()
    {
        var database = postgres.NewDatabase();
        var plan = await ApprovedWeeklyPlanAsync(database, reviewOn: null, contractUntil: new DateOnly(2026, 12, 31));
        var clock = new FakeTimeProvider(Monday);
        await using var winner = Instance(database, clock);
        // The loser has read that both weeks are unclaimed; as it asks for its first claim's contract lock, the winner sweeps and
        // commits both (the lock itself would make the winner wait for the loser's claim instead).
        var race = new SweepBeforeClaim(winner.Sweeper);
        await using var loser = Instance(database, clock, race);

        Assert.Equal(0, await loser.Sweeper.SweepAsync(default));
        Assert.Equal(2, race.WinnerClaimed);
        Assert.True(race.LoserClaims >= 2);

        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8)], await OrderedWeeksAsync(database, plan));
        await using var check = Context(database);
        Assert.Equal(2, await check.WorkOrders.CountAsync());
        Assert.Equal(2, await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(WorkOrderCreated))).CountAsync());
    }

    [Fact]
    public async Task A_week_no_contract_covers_is_an_unmet_need_and_a_removed_line_is_not_ordered_again()
    {
        var database = postgres.NewDatabase();
        // The contract ends on Sunday 06-07: next week has none.
        var plan = await ApprovedWeeklyPlanAsync(database, reviewOn: null, contractUntil: new DateOnly(2026, 6, 7));
        var clock = new FakeTimeProvider(Monday);
        await using var instance = Instance(database, clock);

        Assert.Equal(2, await instance.Sweeper.SweepAsync(default));
        Assert.Equal([new DateOnly(2026, 6, 1)], await OrderedWeeksAsync(database, plan));
        await using (var check = Context(database))
        {
            var unmet = Assert.Single(await check.LinePeriods.Where(p => p.UnmetReason != null).ToListAsync());
            Assert.Equal((new DateOnly(2026, 6, 8), "no-contract"), (unmet.Starts, unmet.UnmetReason));
            var announced = Assert.Single(await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(ServiceNeedUnmatched))).ToListAsync());
            Assert.Contains("no-contract", announced.Payload, StringComparison.Ordinal);

            // The caseworker takes the line out (the plan keeps another).
            var saved = await check.Plans.Include(p => p.Lines).SingleAsync(p => p.Id == plan);
            saved.RemoveLine("daily-care", "已入住养老机构", "caseworker");
            await check.SaveChangesAsync();
        }

        clock.SetUtcNow(Monday.AddDays(14));
        Assert.Equal(0, await instance.Sweeper.SweepAsync(default));
        Assert.Equal([new DateOnly(2026, 6, 1)], await OrderedWeeksAsync(database, plan));
    }

    [Fact]
    public async Task A_week_its_contract_has_no_units_left_for_is_an_unmet_need_and_never_an_order_past_the_cap()
    {
        var database = postgres.NewDatabase();
        // Three sessions a week under a contract capped at four units: the first week fits, the second would pass the cap.
        var plan = await ApprovedWeeklyPlanAsync(database, reviewOn: null, contractUntil: new DateOnly(2026, 12, 31), quantityCap: 4);
        var clock = new FakeTimeProvider(Monday);
        await using var first = Instance(database, clock);
        await using var second = Instance(database, clock);

        await Task.WhenAll(first.Sweeper.SweepAsync(default), second.Sweeper.SweepAsync(default));

        Assert.Equal([new DateOnly(2026, 6, 1)], await OrderedWeeksAsync(database, plan));
        await using var check = Context(database);
        Assert.Equal(3, await check.WorkOrders.SumAsync(o => o.Units));
        var unmet = Assert.Single(await check.LinePeriods.Where(p => p.UnmetReason != null).ToListAsync());
        Assert.Equal((new DateOnly(2026, 6, 8), "contract-cap"), (unmet.Starts, unmet.UnmetReason));
        var line = (await check.Plans.Include(p => p.Lines).SingleAsync(p => p.Id == plan)).Lines.Single(l => l.ItemCode == "daily-care");
        Assert.Equal("contract-cap", line.UnmetReason);
        var announced = Assert.Single(await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(ServiceNeedUnmatched))).ToListAsync());
        Assert.Contains("contract-cap", announced.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_read_before_a_caseworker_removed_the_line_is_not_saved()
    {
        var database = postgres.NewDatabase();
        var plan = await ApprovedWeeklyPlanAsync(database, reviewOn: null, contractUntil: new DateOnly(2026, 12, 31));
        var clock = new FakeTimeProvider(Monday);
        // As the sweeper saves its first claim, a caseworker takes the line out and commits.
        var race = new BeforeFirstSave(async () =>
        {
            await using var caseworker = Context(database);
            var saved = await caseworker.Plans.Include(p => p.Lines).SingleAsync(p => p.Id == plan);
            saved.RemoveLine("daily-care", "已入住养老机构", "caseworker");
            await caseworker.SaveChangesAsync();
        });
        await using var instance = Instance(database, clock, race);

        Assert.Equal(0, await instance.Sweeper.SweepAsync(default));
        Assert.Empty(await OrderedWeeksAsync(database, plan));
        await using var check = Context(database);
        Assert.Empty(await check.LinePeriods.ToListAsync());
        Assert.Equal(0, await check.Set<OutboxMessage>().CountAsync());
    }

    private static async Task<Guid> ApprovedWeeklyPlanAsync(string database, DateOnly? reviewOn, DateOnly contractUntil, int quantityCap = 500)
    {
        await using var db = Context(database);
        await db.Database.MigrateAsync();
        db.Contracts.Add(KnownContract.Learn(Guid.NewGuid(), "HSZC-2026-001", 2026, "HS-2026-01", Provider, [Township], new DateOnly(2026, 1, 1), contractUntil,
            "daily-care", 60.00m, quantityCap));
        var plan = ServicePlan.Draft(Guid.NewGuid(), Township, Guid.NewGuid(), 1,
            [new PlanLine.Proposal("daily-care", "日间照料", 3, "Week", 60, "符合"), new PlanLine.Proposal("home-adaptation", "适老化改造", 1, "Cycle", 0, "符合")],
            "[]", Monday.AddDays(-1), reviewOn);
        plan.Approve("township", Monday.AddDays(-1));
        plan.RecordMatch("daily-care", Provider, null, "选定");
        plan.RecordMatch("home-adaptation", Provider, null, "选定");
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    private static async Task<List<DateOnly>> OrderedWeeksAsync(string database, Guid plan)
    {
        await using var db = Context(database);
        var orders = await db.WorkOrders.Where(o => o.PlanId == plan).ToListAsync();
        var claims = await db.LinePeriods.Where(p => p.PlanId == plan && p.WorkOrderId != null).ToListAsync();
        // Every order has its period's claim and every claim its order: nothing half-written.
        Assert.Equal(orders.Select(o => o.Id).Order(), claims.Select(c => c.WorkOrderId!.Value).Order());
        Assert.All(orders, o => Assert.Equal("daily-care", o.ItemCode));
        return [.. orders.Select(o => o.PeriodStarts!.Value).Order()];
    }

    /// <summary>A county time (UTC+8) as the UTC instant the clock and PostgreSQL take.</summary>
    private static DateTimeOffset County(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Shanghai).ToUniversalTime();

    private static DeliveryDbContext Context(string database) => new(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(database).Options);

    /// <summary>One Delivery instance: its own services and connections, the shared clock.</summary>
    private static SweeperInstance Instance(string database, TimeProvider clock, IInterceptor? interceptor = null)
    {
        var services = new ServiceCollection();
        services.AddDbContext<DeliveryDbContext>(options =>
        {
            options.UseNpgsql(database);
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
        services.AddOptions<ServiceLevelOptions>();
        var provider = services.BuildServiceProvider();
        return new SweeperInstance(provider,
            new RecurringOrderSweeper(provider.GetRequiredService<IServiceScopeFactory>(), Options.Create(new RecurringOptions()),
                new JobLeases(database, clock, NullLogger<JobLeases>.Instance), clock, NullLogger<RecurringOrderSweeper>.Instance));
    }

    private sealed record SweeperInstance(ServiceProvider Services, RecurringOrderSweeper Sweeper) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Sweeper.Dispose();
            return Services.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="change"/> (its own context, committed) as the first save begins.</summary>
    private sealed class BeforeFirstSave(Func<Task> change) : SaveChangesInterceptor
    {
        private int _saves;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_saves++ == 0)
            {
                await change();
            }

            return result;
        }
    }

    /// <summary>As the loser asks for its first claim's contract lock, the winner sweeps to the end and commits.</summary>
    private sealed class SweepBeforeClaim(RecurringOrderSweeper winner) : DbCommandInterceptor
    {
        public int LoserClaims { get; private set; }

        public int WinnerClaimed { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("pg_advisory_xact_lock", StringComparison.Ordinal) && LoserClaims++ == 0)
            {
                WinnerClaimed = await winner.SweepAsync(cancellationToken);
            }

            return result;
        }
    }
}
