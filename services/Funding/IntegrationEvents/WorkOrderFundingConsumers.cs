using MassTransit;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Funding.Infrastructure;

namespace ReliefPlatform.Funding.IntegrationEvents;

/// <summary>
/// Delivery's work orders move the money: created → reserve, cancelled → release, confirmed → spend the actual
/// amount. Idempotent on the work order id, so a redelivered event changes nothing. Free and volunteer work
/// (amount 0) needs no money.
/// </summary>
public sealed class WorkOrderCreatedConsumer(FundingDbContext db, TimeProvider time) : IConsumer<WorkOrderCreated>
{
    public async Task Consume(ConsumeContext<WorkOrderCreated> context)
    {
        var m = context.Message;
        if (m.Amount <= 0)
        {
            return;
        }

        var (outcome, commitment) = await FundingCommitments.CommitAsync(
            db, new FundingCommitments.Request(m.WorkOrderId.ToString(), m.Year, m.ProjectCode, m.TownshipCode, m.ItemCode, m.Amount), "delivery", time,
            context.CancellationToken);
        if (outcome == FundingCommitments.Outcome.AlreadyCommitted && commitment is not null)
        {
            // A redelivered order is answered again (Delivery ignores a repeated answer); the money is reserved once.
            db.AddIntegrationEvent(new FundsCommitted(commitment.Reference, commitment.BudgetLineId, commitment.Amount, time.GetUtcNow()));
            await db.SaveChangesAsync(context.CancellationToken);
        }
    }
}

/// <summary>A cancelled order's money returns to its line; a cancellation that overtook the order withdraws it before anything is reserved.</summary>
public sealed class WorkOrderCancelledConsumer(FundingDbContext db, TimeProvider time) : IConsumer<WorkOrderCancelled>
{
    public Task Consume(ConsumeContext<WorkOrderCancelled> context) =>
        FundingCommitments.CancelAsync(db, context.Message.WorkOrderId.ToString(), "delivery", time, context.CancellationToken);
}

public sealed class ServiceConfirmedConsumer(FundingDbContext db, TimeProvider time) : IConsumer<ServiceConfirmed>
{
    public async Task Consume(ConsumeContext<ServiceConfirmed> context)
    {
        if (context.Message.Amount <= 0)
        {
            return;
        }

        var (outcome, _) = await FundingCommitments.SpendAsync(db, context.Message.WorkOrderId.ToString(), context.Message.Amount, "delivery", time, context.CancellationToken);
        if (outcome == FundingCommitments.Outcome.NotFound)
        {
            // The order's reservation has not been made here yet: wait for it (retry, then the error queue and its replay).
            throw new InvalidOperationException("A confirmed service arrived before its order's reservation; retrying.");
        }

        if (outcome == FundingCommitments.Outcome.Insufficient)
        {
            // Throwing sends it through retry to the error queue, where finance sees it; nothing is lost.
            throw new InvalidOperationException("The confirmed amount exceeds the reservation and the line has too little available.");
        }
    }
}
