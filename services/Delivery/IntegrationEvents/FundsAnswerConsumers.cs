using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>Funding reserved the money: the work order is assigned to its provider. A repeated answer changes nothing.</summary>
public sealed class FundsCommittedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<FundsCommittedConsumer> logger)
    : IdempotentConsumer<FundsCommitted, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(FundsCommitted message, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(message.Reference, out var id) && await Db.WorkOrders.FindAsync([id], cancellationToken) is { } order
            && order.FundsCommitted(time.GetUtcNow()))
        {
            WorkOrderEvents.Assigned(Db, order);
        }
    }
}

/// <summary>
/// No budget could take the order: it is rejected, visible to the county as an unmet need. A plan's order (a recurring
/// line's period among them) is announced as one too, ServiceNeedUnmatched with <c>no-funds</c>, for supervision's counts.
/// </summary>
public sealed class FundsRejectedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<FundsRejectedConsumer> logger)
    : IdempotentConsumer<FundsRejected, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(FundsRejected message, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(message.Reference, out var id) && await Db.WorkOrders.FindAsync([id], cancellationToken) is { } order
            && order.FundsRejected(time.GetUtcNow()) && order.PlanId is { } plan)
        {
            Db.AddIntegrationEvent(new ServiceNeedUnmatched(plan, order.HouseholdId, order.TownshipCode, order.ItemCode, "no-funds", time.GetUtcNow()));
        }
    }
}
