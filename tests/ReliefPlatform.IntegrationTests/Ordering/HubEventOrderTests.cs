using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Provider.Infrastructure;
using FundingConsumers = ReliefPlatform.Funding.IntegrationEvents;
using ProviderConsumers = ReliefPlatform.Provider.IntegrationEvents;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// Delivery's order events reach Provider and Funding on separate queues, so a cancellation or a confirmation can
/// overtake the order's creation. Every ordering (each event then delivered again) must end in the state the rules give.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HubEventOrderTests(PostgresServerFixture postgres)
{
    private const string Code = "341525100";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Order(Guid Id, Guid Household);

    private static Order NewOrder() => new(Guid.NewGuid(), Guid.NewGuid());

    private static WorkOrderCreated Created(Order o, decimal amount = 80m, string project = "P-2026-01") =>
        new(o.Id, o.Household, Code, "meal-assistance", "provider-a", 2026, project, 4, amount / 4, amount, T0);

    [Fact]
    public async Task A_cancelled_order_never_counts_against_its_provider_whatever_the_order_of_events()
    {
        await using var bench = await ConsumerBench<ProviderDbContext>.StartAsync(postgres,
            [typeof(ProviderConsumers.WorkOrderCreatedConsumer), typeof(ProviderConsumers.WorkOrderCancelledConsumer)]);

        var results = await EveryOrder.RunAsync(bench, NewOrder, o =>
        [
            ("created", Created(o)),
            ("cancelled", new WorkOrderCancelled(o.Id, o.Household, Code, "household-declined", T0.AddHours(1))),
        ], async (db, o) => $"open={await db.AssignedOrders.AsNoTracking().CountAsync(a => a.WorkOrderId == o.Id && a.Open)}");

        EveryOrder.AssertAllEqual(results, "open=0");
    }

    [Fact]
    public async Task A_confirmed_order_leaves_the_load_and_rates_its_provider_once_whatever_the_order_of_events()
    {
        await using var bench = await ConsumerBench<ProviderDbContext>.StartAsync(postgres,
            [typeof(ProviderConsumers.WorkOrderCreatedConsumer), typeof(ProviderConsumers.ServiceConfirmedConsumer)]);
        var provider = $"provider-{Guid.NewGuid():N}";

        var results = await EveryOrder.RunAsync(bench, NewOrder, o =>
        [
            ("created", new WorkOrderCreated(o.Id, o.Household, Code, "meal-assistance", provider, 2026, "P-1", 1, 20m, 20m, T0)),
            ("confirmed", new ServiceConfirmed(o.Id, o.Household, Code, provider, "meal-assistance", 1, 20m, 20m, 40, 5, T0.AddDays(2))),
        ], async (db, o) =>
        {
            var open = await db.AssignedOrders.AsNoTracking().CountAsync(a => a.WorkOrderId == o.Id && a.Open);
            return $"open={open}";
        });
        EveryOrder.AssertAllEqual(results, "open=0");

        // Two orderings, each order confirmed once (and delivered twice): two ratings of 5, not four.
        var rating = await bench.QueryAsync(db => db.Ratings.AsNoTracking().SingleAsync(r => r.ProviderId == provider));
        Assert.Equal((2, 10), (rating.Count, rating.Total));
    }

    [Fact]
    public async Task A_cancellation_that_overtakes_its_order_leaves_no_money_reserved()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres,
            [typeof(FundingConsumers.WorkOrderCreatedConsumer), typeof(FundingConsumers.WorkOrderCancelledConsumer)]);
        var project = $"P-{Guid.NewGuid():N}"[..20];
        var line = await OpenLineAsync(bench, project, 1000m);

        var results = await EveryOrder.RunAsync(bench, NewOrder, o =>
        [
            ("created", Created(o, 80m, project)),
            ("cancelled", new WorkOrderCancelled(o.Id, o.Household, Code, "household-declined", T0.AddHours(1))),
        ], async (db, o) =>
        {
            var reserved = await db.Commitments.AsNoTracking()
                .Where(c => c.Reference == o.Id.ToString() && c.Status == CommitmentStatus.Committed).SumAsync(c => c.Amount);
            return $"reserved={reserved:0.00}";
        });
        EveryOrder.AssertAllEqual(results, "reserved=0.00");

        // Nothing stays committed on the line; all of it is available again.
        var after = await bench.QueryAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == line));
        Assert.Equal((1000m, 0m, 0m), (after.Allocated, after.Committed, after.Spent));
    }

    [Fact]
    public async Task A_confirmation_that_overtakes_its_reservation_is_refused_for_a_retry_and_noted_once_it_is_taken_again()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres,
            [typeof(FundingConsumers.WorkOrderCreatedConsumer), typeof(FundingConsumers.ServiceConfirmedConsumer)]);
        var project = $"P-{Guid.NewGuid():N}"[..20];
        var line = await OpenLineAsync(bench, project, 1000m);
        var order = NewOrder();
        var confirmed = Delivery.Of(new ServiceConfirmed(order.Id, order.Household, Code, "provider-a", "meal-assistance", 3, 20m, 60m, 40, 5, T0.AddDays(2)));

        // Not acknowledged as done: the consumer fails, so the broker retries it (and, past the retries, keeps it in _error for replay).
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => bench.DeliverAsync([confirmed]));
        Assert.Contains("ServiceConfirmed failed", failure.Message, StringComparison.Ordinal);

        await bench.DeliverAsync([Delivery.Of(Created(order, 80m, project)), confirmed, confirmed]);
        // Confirmed at 60, still reserved at 80: the money is spent when the provider's statement is paid.
        var after = await bench.QueryAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == line));
        Assert.Equal((1000m, 80m, 0m), (after.Allocated, after.Committed, after.Spent));
        var commitment = await bench.QueryAsync(db => db.Commitments.AsNoTracking().SingleAsync(c => c.Reference == order.Id.ToString()));
        Assert.Equal((CommitmentStatus.Committed, 60m), (commitment.Status, commitment.ConfirmedAmount));
    }

    [Fact]
    public async Task Supervision_counts_every_fact_of_an_order_under_its_project_whatever_the_order_of_events()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres,
            [typeof(FundingConsumers.OrderCreatedFactConsumer), typeof(FundingConsumers.DeliveredFactConsumer), typeof(FundingConsumers.ConfirmedFactConsumer)]);

        var results = await EveryOrder.RunAsync(bench, NewOrder, o =>
        [
            ("created", Created(o, 80m, "P-2026-07")),
            ("delivered", new ServiceDelivered(o.Id, o.Household, Code, "provider-a", "meal-assistance", 4, 20m, 40, false, T0.AddDays(1))),
            ("confirmed", new ServiceConfirmed(o.Id, o.Household, Code, "provider-a", "meal-assistance", 4, 20m, 80m, 40, 4, T0.AddDays(2))),
        ], async (db, o) => string.Join(" | ", (await db.SupervisionFacts.AsNoTracking().Where(f => f.SubjectId == o.Id).ToListAsync())
            .Select(f => $"{f.Kind} project={f.ProjectCode}").Order(StringComparer.Ordinal)));

        EveryOrder.AssertAllEqual(results, "Confirmed project=P-2026-07 | Delivered project=P-2026-07 | OrderCreated project=P-2026-07");
    }

    [Fact]
    public async Task A_complaint_closed_before_its_intake_arrives_still_counts_its_days_to_acceptance()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres,
            [typeof(FundingConsumers.ComplaintRaisedFactConsumer), typeof(FundingConsumers.ComplaintClosedFactConsumer)]);

        var results = await EveryOrder.RunAsync(bench, NewOrder, c =>
        [
            ("raised", new ComplaintRaised(c.Id, c.Household, Code, "attitude", T0.AddDays(7), T0)),
            ("closed", new ComplaintClosed(c.Id, c.Household, Code, T0.AddDays(4).AddHours(12))),
        ], async (db, c) => string.Join(" | ", (await db.SupervisionFacts.AsNoTracking().Where(f => f.SubjectId == c.Id).ToListAsync())
            .Select(f => $"{f.Kind} days={f.Days:0.00}").Order(StringComparer.Ordinal)));

        EveryOrder.AssertAllEqual(results, "ComplaintClosed days=4.50 | ComplaintRaised days=");
    }

    private static Task<Guid> OpenLineAsync(ConsumerBench<FundingDbContext> bench, string project, decimal allocated) =>
        bench.QueryAsync(async db =>
        {
            var line = BudgetLine.Open(new BudgetKey(2026, "fiscal-budget", project, Code, "meal-assistance"), T0);
            db.BudgetLines.Add(line);
            await db.SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await FundingLedger.PostAsync(db, Postings.Allocation(line.Id, allocated), MovementKind.Allocation, $"test:{line.Id}", "test",
                TimeProvider.System, CancellationToken.None));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return line.Id;
        });
}
