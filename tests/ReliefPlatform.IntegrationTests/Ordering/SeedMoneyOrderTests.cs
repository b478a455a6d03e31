using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using FundingConsumers = ReliefPlatform.Funding.IntegrationEvents;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// Seed money granted in Provider (培育孵化) reaches Funding as an event: it may come before finance has opened the project's
/// line in the township, and it may come again. Funding's consumer over a real PostgreSQL, each delivery decided by the test.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SeedMoneyOrderTests(PostgresServerFixture postgres)
{
    private const string Foziling = "341525101";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_grant_before_its_budget_line_is_refused_for_a_retry_and_reserved_once_when_it_comes_again_after_the_line_opened()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres, [typeof(FundingConsumers.IncubationSeedMoneyGrantedConsumer)]);
        var project = $"FH-{Guid.NewGuid():N}"[..20];
        var grant = Delivery.Of(Grant(project, 800m));
        var reference = ((IncubationSeedMoneyGranted)grant.Event).Reference;

        // No line yet: not acknowledged as done (the broker retries it, then keeps it in _error for replay), nothing reserved or refused.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => bench.DeliverAsync([grant]));
        Assert.Contains("IncubationSeedMoneyGranted failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await bench.QueryAsync(async db => (await db.Commitments.CountAsync(c => c.Reference == reference), await AnswersAsync(db))));

        // Finance opens the project's general line in the township; the grant comes again, and again (a redelivery).
        var line = await OpenLineAsync(bench, project, 1000m);
        await bench.DeliverAsync([grant, grant]);

        var after = await bench.QueryAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == line));
        Assert.Equal((1000m, 800m, 0m), (after.Allocated, after.Committed, after.Spent));
        var commitment = await bench.QueryAsync(db => db.Commitments.AsNoTracking().SingleAsync(c => c.Reference == reference));
        Assert.Equal((line, 800m, CommitmentStatus.Committed), (commitment.BudgetLineId, commitment.Amount, commitment.Status));
        Assert.Equal(1, await bench.QueryAsync(db => db.Ledger.CountAsync(e => e.Reference == reference && e.Amount > 0)));
        Assert.Equal(1, await bench.QueryAsync(AnswersAsync));
    }

    [Fact]
    public async Task A_grant_larger_than_the_line_has_left_is_refused_with_an_answer_not_waited_for()
    {
        await using var bench = await ConsumerBench<FundingDbContext>.StartAsync(postgres, [typeof(FundingConsumers.IncubationSeedMoneyGrantedConsumer)]);
        var project = $"FH-{Guid.NewGuid():N}"[..20];
        var line = await OpenLineAsync(bench, project, 1000m);
        var first = Delivery.Of(Grant(project, 700m));
        var second = Delivery.Of(Grant(project, 500m));

        await bench.DeliverAsync([first, second, second]);

        var after = await bench.QueryAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == line));
        Assert.Equal((1000m, 700m), (after.Allocated, after.Committed));
        var refused = ((IncubationSeedMoneyGranted)second.Event).Reference;
        Assert.False(await bench.QueryAsync(db => db.Commitments.AnyAsync(c => c.Reference == refused)));
        var answers = await bench.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Select(m => new { m.Type, m.Payload }).ToListAsync());
        var rejected = Assert.Single(answers, a => a.Type.Contains("FundsRejected", StringComparison.Ordinal));
        Assert.Contains(refused, rejected.Payload, StringComparison.Ordinal);
        Assert.Contains("insufficient-funds", rejected.Payload, StringComparison.Ordinal);
    }

    private static IncubationSeedMoneyGranted Grant(string project, decimal amount)
    {
        var support = Guid.NewGuid();
        return new IncubationSeedMoneyGranted($"incubation-{support:N}", Guid.NewGuid(), support, 2026, project, Foziling, amount, T0);
    }

    /// <summary>Answers staged for Delivery and Provider (FundsCommitted / FundsRejected) in this bench's database.</summary>
    private static Task<int> AnswersAsync(FundingDbContext db) =>
        db.Set<OutboxMessage>().CountAsync(m => EF.Functions.Like(m.Type, "%.FundsCommitted,%") || EF.Functions.Like(m.Type, "%.FundsRejected,%"));

    private static Task<Guid> OpenLineAsync(ConsumerBench<FundingDbContext> bench, string project, decimal allocated) =>
        bench.QueryAsync(async db =>
        {
            var line = BudgetLine.Open(new BudgetKey(2026, "fiscal-budget", project, Foziling, ""), T0);
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
