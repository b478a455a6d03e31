using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>The events a work order's moves publish, staged on the outbox with the move.</summary>
internal static class WorkOrderEvents
{
    /// <summary>Stages WorkOrderCreated, and WorkOrderAssigned too when the order needed no money and is assigned at once.</summary>
    public static void Created(DeliveryDbContext db, WorkOrder order)
    {
        db.AddIntegrationEvent(new WorkOrderCreated(order.Id, order.HouseholdId, order.TownshipCode, order.ItemCode, order.ProviderId, order.Year,
            order.ProjectCode, order.Units, order.UnitPrice, order.Amount, order.CreatedAt));
        if (order.Status == WorkOrderStatus.Assigned)
        {
            Assigned(db, order);
        }
    }

    public static void Assigned(DeliveryDbContext db, WorkOrder order) =>
        db.AddIntegrationEvent(new WorkOrderAssigned(order.Id, order.HouseholdId, order.TownshipCode, order.ItemCode, order.ProviderId,
            order.RespondBy!.Value, order.CompleteBy!.Value, order.AssignedAt!.Value));
}
