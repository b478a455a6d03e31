using MassTransit;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;

namespace ReliefPlatform.Funding.IntegrationEvents;

/// <summary>
/// Delivery's work orders move the money: created → reserve, cancelled → release, confirmed → the confirmed amount is
/// noted on the reservation, to be spent when the provider's statement is paid (StatementsApi, PaymentsApi). Idempotent on the work order id, so a redelivered event changes nothing. Free and volunteer work
/// (amount 0) needs no money. A migrated order (a service delivered and paid before the platform) is spent, past-dated,
/// instead of reserved — and until finance has allocated its project's money in the township, it waits
/// (<see cref="PrerequisiteNotArrivedException"/>: given back to this consumer every half minute; said once in the log).
/// </summary>
public sealed partial class WorkOrderCreatedConsumer(FundingDbContext db, TimeProvider time, ILogger<WorkOrderCreatedConsumer> logger) : IConsumer<WorkOrderCreated>
{
    public async Task Consume(ConsumeContext<WorkOrderCreated> context)
    {
        var m = context.Message;
        if (m.Amount <= 0)
        {
            return;
        }

        if (m.Migrated)
        {
            var paid = SupervisionFact.Record(FactKind.Paid, m.OccurredAt, m.TownshipCode, m.HouseholdId, m.WorkOrderId, m.ItemCode, m.ProviderId, m.ProjectCode,
                amount: m.Amount, migrated: true);
            if (await FundingCommitments.SpendMigratedAsync(db, new FundingCommitments.Request(m.WorkOrderId.ToString(), m.Year, m.ProjectCode, m.TownshipCode,
                    m.ItemCode, m.Amount), paid, time, context.CancellationToken) == FundingCommitments.Outcome.Rejected)
            {
                if (WaitingEvents.FirstTry(context))
                {
                    LogMigratedSpendWaits(logger, m.Year, m.ProjectCode, m.TownshipCode);
                }

                throw new PrerequisiteNotArrivedException("A migrated service's spend found no budget line with the money; it waits for finance's allocation.");
            }

            return;
        }

        var (outcome, commitment) = await FundingCommitments.CommitAsync(
            db, new FundingCommitments.Request(m.WorkOrderId.ToString(), m.Year, m.ProjectCode, m.TownshipCode, m.ItemCode, m.Amount), "delivery", time,
            context.CancellationToken,
            SupervisionFact.Record(FactKind.FundsRejected, time.GetUtcNow(), m.TownshipCode, m.HouseholdId, m.WorkOrderId, m.ItemCode, m.ProviderId, m.ProjectCode, amount: m.Amount));
        if (outcome == FundingCommitments.Outcome.AlreadyCommitted && commitment is not null)
        {
            // A redelivered order is answered again (Delivery ignores a repeated answer); the money is reserved once.
            db.AddIntegrationEvent(new FundsCommitted(commitment.Reference, commitment.BudgetLineId, commitment.Amount, time.GetUtcNow()));
            await db.SaveChangesAsync(context.CancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A migrated service's spend waits: no budget line of project {ProjectCode} ({Year}) in township {TownshipCode} has the money")]
    private static partial void LogMigratedSpendWaits(ILogger logger, int year, string projectCode, string townshipCode);
}

/// <summary>A cancelled order's money returns to its line; a cancellation that overtook the order withdraws it before anything is reserved.</summary>
public sealed class WorkOrderCancelledConsumer(FundingDbContext db, TimeProvider time) : IConsumer<WorkOrderCancelled>
{
    public Task Consume(ConsumeContext<WorkOrderCancelled> context) =>
        FundingCommitments.CancelAsync(db, context.Message.WorkOrderId.ToString(), "delivery", time, context.CancellationToken);
}

/// <summary>
/// A confirmed service: its amount is noted on the reservation, which stays committed until the provider is paid. A migrated
/// confirmation's money was spent when its order was migrated: nothing to note.
/// </summary>
public sealed class ServiceConfirmedConsumer(FundingDbContext db, TimeProvider time) : IConsumer<ServiceConfirmed>
{
    public async Task Consume(ConsumeContext<ServiceConfirmed> context)
    {
        if (context.Message.Amount <= 0 || context.Message.Migrated)
        {
            return;
        }

        if (await FundingCommitments.ConfirmAsync(db, context.Message.WorkOrderId.ToString(), context.Message.Amount, time, context.CancellationToken)
            == FundingCommitments.Outcome.NotFound)
        {
            // The order's reservation has not been made here yet: wait for it (quick retries, then it waits in the error queue and is given back every half minute).
            throw new PrerequisiteNotArrivedException("A confirmed service arrived before its order's reservation; it waits for it.");
        }
    }
}
