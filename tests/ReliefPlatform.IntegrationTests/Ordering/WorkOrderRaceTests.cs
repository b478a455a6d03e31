using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Apis;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// A person's act on a work order against a background event that updates the same order between the act's read and its
/// save (EF optimistic concurrency on the row's xmin): the act is applied to the fresh order instead of answering 409, and
/// refused only when the fresh state forbids it. The race is made certain: the event commits as the act starts saving.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkOrderRaceTests(PostgresServerFixture postgres)
{
    private const string Township = "341525100";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DeliverySeal Seal = new(new PersonalDataProtector(Options.Create(new PersonalDataOptions
    {
        Keys = new() { ["k1"] = PersonalDataProtector.NewKey() },
        ActiveKey = "k1",
        IndexKey = PersonalDataProtector.NewKey(),
    })));

    private static readonly CurrentUser Caseworker = new(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ReliefClaims.Subject, "caseworker-1"), new Claim(ReliefClaims.Role, ReliefRoles.CountyCaseworker)], "test", ReliefClaims.Subject, ReliefClaims.Role)));

    /// <param name="underIdempotencyKey">The act runs inside an open transaction, as under an <c>Idempotency-Key</c> (confirmations forwarded by a centre).</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancel_racing_the_funds_answer_is_applied_to_the_assigned_order_instead_of_answering_conflict(bool underIdempotencyKey)
    {
        var (database, order) = await OrderAwaitingFundsAsync();
        var race = new EventBeforeSave(database, o => Assert.True(o.FundsCommitted(T0.AddMinutes(1))));
        await using (var db = Context(database, race))
        {
            await using var key = underIdempotencyKey ? await db.Database.BeginTransactionAsync() : null;
            var answer = await WorkOrdersApi.Cancel(order, new CancelRequest("household-declined"), db, Seal, Caseworker, TimeProvider.System, default);
            var ok = Assert.IsType<Ok<WorkOrderResponse>>(answer.Result);
            Assert.Equal(WorkOrderStatus.Cancelled, ok.Value!.Status);
            if (key is not null)
            {
                await key.CommitAsync();
            }
        }

        // Three saves: the act's the event overtook, the act applied again to the fresh order, and its audit entry (saved
        // after the act, under the chain's lock).
        Assert.Equal(3, race.Saves);
        await using var check = Context(database);
        var saved = await check.WorkOrders.Include(o => o.Steps).SingleAsync(o => o.Id == order);
        Assert.Equal(WorkOrderStatus.Cancelled, saved.Status);
        Assert.Equal([(WorkOrderStatus.AwaitingFunds, WorkOrderStatus.Assigned), (WorkOrderStatus.Assigned, WorkOrderStatus.Cancelled)],
            saved.Steps.OrderBy(s => s.At).Where(s => s.From is not null).Select(s => (s.From!.Value, s.To)));
        // The failed first save left nothing behind: one cancellation announced, one audit entry, naming the state it really left.
        Assert.Single(await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(WorkOrderCancelled))).ToListAsync());
        var entry = Assert.Single(await check.Set<AuditEntry>().Where(e => e.Action == "work-order.cancel").ToListAsync());
        Assert.StartsWith("from=Assigned;to=Cancelled", entry.Details, StringComparison.Ordinal);
        Assert.True((await AuditTrail.VerifyAsync(check, default)).Intact);
    }

    [Fact]
    public async Task A_cancel_racing_an_event_that_ends_the_order_is_refused_for_the_state_it_finds()
    {
        var (database, order) = await OrderAwaitingFundsAsync();
        var race = new EventBeforeSave(database, o => Assert.True(o.FundsRejected(T0.AddMinutes(1))));
        await using (var db = Context(database, race))
        {
            var answer = await WorkOrdersApi.Cancel(order, new CancelRequest("household-declined"), db, Seal, Caseworker, TimeProvider.System, default);
            var refused = Assert.IsType<ProblemHttpResult>(answer.Result);
            Assert.Equal(409, refused.StatusCode);
            Assert.Equal(nameof(WorkOrderStatus.Rejected), refused.ProblemDetails.Extensions["orderStatus"]);
        }

        await using var check = Context(database);
        Assert.Equal(WorkOrderStatus.Rejected, (await check.WorkOrders.SingleAsync(o => o.Id == order)).Status);
        Assert.Empty(await check.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(WorkOrderCancelled))).ToListAsync());
        Assert.Empty(await check.Set<AuditEntry>().Where(e => e.Action == "work-order.cancel").ToListAsync());
    }

    private async Task<(string Database, Guid Order)> OrderAwaitingFundsAsync()
    {
        var database = postgres.NewDatabase();
        await using var db = Context(database);
        await db.Database.MigrateAsync();
        var order = WorkOrder.Create(Guid.NewGuid(), Township, "meal-assistance", "provider-a", 2026, "P-2026-01", 4, 20m, 60, "caseworker-1", T0);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync();
        return (database, order.Id);
    }

    private static DeliveryDbContext Context(string database, IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(database);
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new DeliveryDbContext(options.Options);
    }

    /// <summary>As the act's save begins, a consumer (its own context and connection) changes the same order and commits — once.</summary>
    private sealed class EventBeforeSave(string database, Action<WorkOrder> change) : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Saves++ == 0)
            {
                await using var background = Context(database);
                var order = await background.WorkOrders.SingleAsync(cancellationToken);
                change(order);
                await background.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
