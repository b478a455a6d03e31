using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
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
            (await PlanLines.OfAsync(Db, order, cancellationToken))?.Served();
        }
    }
}

/// <summary>
/// No budget could take the order: it is rejected, visible to the county as an unmet need — a plan's order (a recurring
/// line's period among them) marks its line unmet (<c>no-funds</c>) in the unmet-needs list until a later order of the line is
/// funded, and is announced as one too, ServiceNeedUnmatched with <c>no-funds</c>, for supervision's counts.
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
            (await PlanLines.OfAsync(Db, order, cancellationToken))?.NotServed("no-funds");
        }
    }
}

internal static class PlanLines
{
    /// <summary>The plan line a plan's order was made for, if the order came from a plan.</summary>
    public static async Task<PlanLine?> OfAsync(DeliveryDbContext db, WorkOrder order, CancellationToken cancellationToken) =>
        order.PlanId is { } plan
            ? await db.Set<PlanLine>().FirstOrDefaultAsync(l => l.PlanId == plan && l.ItemCode == order.ItemCode, cancellationToken)
            : null;
}
