using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Provider.Domain.Ratings;
using ReliefPlatform.Provider.Domain.Volunteers;
using ReliefPlatform.Provider.Infrastructure;

namespace ReliefPlatform.Provider.IntegrationEvents;

/// <summary>A new work order adds to its provider's current load; a migrated one (delivered before the platform) never does.</summary>
public sealed class WorkOrderCreatedConsumer(ProviderDbContext db, ILogger<WorkOrderCreatedConsumer> logger)
    : IdempotentConsumer<WorkOrderCreated, ProviderDbContext>(db, logger)
{
    protected override async Task HandleAsync(WorkOrderCreated message, CancellationToken cancellationToken)
    {
        if (await Db.AssignedOrders.FindAsync([message.WorkOrderId], cancellationToken) is null)
        {
            Db.AssignedOrders.Add(message.Migrated
                ? AssignedOrder.Finished(message.WorkOrderId, message.ProviderId, message.ItemCode)
                : AssignedOrder.Track(message.WorkOrderId, message.ProviderId, message.ItemCode));
        }
    }
}

/// <summary>A reassigned order counts against its new provider, no longer the old one.</summary>
public sealed class WorkOrderReassignedConsumer(ProviderDbContext db, ILogger<WorkOrderReassignedConsumer> logger)
    : IdempotentConsumer<WorkOrderReassigned, ProviderDbContext>(db, logger)
{
    protected override async Task HandleAsync(WorkOrderReassigned message, CancellationToken cancellationToken)
    {
        if (await Db.AssignedOrders.FindAsync([message.WorkOrderId], cancellationToken) is { } order)
        {
            order.MoveTo(message.ToProviderId);
        }
        else
        {
            Db.AssignedOrders.Add(AssignedOrder.Track(message.WorkOrderId, message.ToProviderId, message.ItemCode));
        }
    }
}

/// <summary>A cancelled order no longer counts against its provider — nor ever does, when the cancellation overtook the order.</summary>
public sealed class WorkOrderCancelledConsumer(ProviderDbContext db, ILogger<WorkOrderCancelledConsumer> logger)
    : IdempotentConsumer<WorkOrderCancelled, ProviderDbContext>(db, logger)
{
    protected override Task HandleAsync(WorkOrderCancelled message, CancellationToken cancellationToken) =>
        AssignedOrders.FinishAsync(Db, message.WorkOrderId, "", "", cancellationToken);
}

/// <summary>
/// A confirmed service: the order leaves the provider's load, its satisfaction joins the provider's rating for
/// the item, and a volunteer who delivered it earns the service's time (to the tenth of an hour) in the time bank.
/// </summary>
public sealed class ServiceConfirmedConsumer(ProviderDbContext db, TimeProvider time, ILogger<ServiceConfirmedConsumer> logger)
    : IdempotentConsumer<ServiceConfirmed, ProviderDbContext>(db, logger)
{
    protected override async Task HandleAsync(ServiceConfirmed message, CancellationToken cancellationToken)
    {
        await AssignedOrders.FinishAsync(Db, message.WorkOrderId, message.ProviderId, message.ItemCode, cancellationToken);
        var rating = await Db.Ratings.FindAsync([message.ProviderId, message.ItemCode], cancellationToken);
        if (rating is null)
        {
            rating = ProviderRating.For(message.ProviderId, message.ItemCode);
            Db.Ratings.Add(rating);
        }

        rating.Add(message.Satisfaction);
        if (Guid.TryParse(message.ProviderId, out var volunteerId) && await Db.Volunteers.IgnoreQueryFilters().AnyAsync(v => v.Id == volunteerId, cancellationToken))
        {
            var hours = Math.Max(0.1m, decimal.Round(message.Minutes / 60m, 1));
            await TimeBank.ApplyAsync(Db, volunteerId, TimeBankEntryKind.Earned, hours, message.WorkOrderId.ToString(), "delivery", time.GetUtcNow(), cancellationToken);
        }
    }
}

internal static class AssignedOrders
{
    /// <summary>Takes the order off its provider's load; an order not heard of yet is recorded as finished, so its creation adds nothing.</summary>
    public static async Task FinishAsync(ProviderDbContext db, Guid workOrderId, string providerId, string itemCode, CancellationToken cancellationToken)
    {
        if (await db.AssignedOrders.FindAsync([workOrderId], cancellationToken) is { } order)
        {
            order.Finish();
        }
        else
        {
            db.AssignedOrders.Add(AssignedOrder.Finished(workOrderId, providerId, itemCode));
        }
    }
}
