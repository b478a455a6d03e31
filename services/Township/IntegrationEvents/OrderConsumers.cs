using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Security.Locks;
using ReliefPlatform.Township.Domain.Complaints;
using ReliefPlatform.Township.Domain.Orders;
using ReliefPlatform.Township.Domain.Worklist;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>
/// An order of the township's households, for its front desk to follow — not one migrated from the county's records before the
/// platform (closed at the hub, nothing to follow or confirm here; its events are passed over like it).
/// </summary>
public sealed class WorkOrderCreatedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<WorkOrderCreatedConsumer> logger)
    : TownshipEventConsumer<WorkOrderCreated>(db, township, logger)
{
    protected override async Task HandleAsync(WorkOrderCreated message, CancellationToken cancellationToken)
    {
        if (!message.Migrated)
        {
            (await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, message.ItemCode, message.ProviderId, message.Units, message.OccurredAt,
                cancellationToken)).OrderedUnits(message.Units);
        }
    }
}

public sealed class WorkOrderAssignedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<WorkOrderAssignedConsumer> logger)
    : TownshipEventConsumer<WorkOrderAssigned>(db, township, logger)
{
    protected override async Task HandleAsync(WorkOrderAssigned message, CancellationToken cancellationToken)
    {
        var order = await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, message.ItemCode, message.ProviderId, 0, message.OccurredAt,
            cancellationToken);
        order.Assigned(message.OccurredAt);
    }
}

public sealed class WorkOrderReassignedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<WorkOrderReassignedConsumer> logger)
    : TownshipEventConsumer<WorkOrderReassigned>(db, township, logger)
{
    protected override async Task HandleAsync(WorkOrderReassigned message, CancellationToken cancellationToken) =>
        (await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, message.ItemCode, message.ToProviderId, 0, message.OccurredAt,
            cancellationToken)).Reassigned(message.ToProviderId, message.OccurredAt);
}

/// <summary>The hub's SLA timer found the order late: it goes on the worklist to follow up with the provider.</summary>
public sealed class WorkOrderDeadlineMissedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<WorkOrderDeadlineMissedConsumer> logger)
    : TownshipEventConsumer<WorkOrderDeadlineMissed>(db, township, logger)
{
    protected override async Task HandleAsync(WorkOrderDeadlineMissed message, CancellationToken cancellationToken)
    {
        var order = await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, "", "", 0, message.OccurredAt, cancellationToken);
        order.Overdue(message.Deadline, message.Due, message.OccurredAt);
    }
}

public sealed class ServiceDeliveredConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ServiceDeliveredConsumer> logger)
    : TownshipEventConsumer<ServiceDelivered>(db, township, logger)
{
    protected override async Task HandleAsync(ServiceDelivered message, CancellationToken cancellationToken)
    {
        if (message.Migrated)
        {
            return;
        }

        var order = await LocalOrders.FindOrAddAsync(
            Db, message.WorkOrderId, message.HouseholdId, message.ItemCode, message.ProviderId, message.Units, message.OccurredAt, cancellationToken);
        order.Delivered(message.Units, message.Minutes, message.FlaggedShort, message.OccurredAt, message.Flags);
    }
}

/// <summary>The hub confirmed a service: the order is confirmed here too.</summary>
public sealed class ServiceConfirmedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ServiceConfirmedConsumer> logger)
    : TownshipEventConsumer<ServiceConfirmed>(db, township, logger)
{
    protected override async Task HandleAsync(ServiceConfirmed message, CancellationToken cancellationToken)
    {
        if (!message.Migrated)
        {
            (await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, message.ItemCode, message.ProviderId, message.Units, message.OccurredAt,
                cancellationToken)).Confirmed(message.Satisfaction, message.OccurredAt);
        }
    }
}

/// <summary>A score of 1 or 2 puts a follow-up visit on the worklist, due in three days — not a migrated one, long past following up.</summary>
public sealed class SatisfactionRecordedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<SatisfactionRecordedConsumer> logger)
    : TownshipEventConsumer<SatisfactionRecorded>(db, township, logger)
{
    public const int LowSatisfaction = 2;
    public const int FollowUpWithinDays = 3;

    protected override async Task HandleAsync(SatisfactionRecorded message, CancellationToken cancellationToken)
    {
        if (message.Score <= LowSatisfaction && !message.Migrated)
        {
            var village = await Db.Households.Where(h => h.HouseholdId == message.HouseholdId).Select(h => h.VillageCode).FirstOrDefaultAsync(cancellationToken);
            var due = DateOnly.FromDateTime(message.OccurredAt.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(FollowUpWithinDays);
            await Worklist.RaiseAsync(Db, VisitTaskKind.LowSatisfaction, message.HouseholdId, village ?? "", message.WorkOrderId,
                $"satisfaction-{message.Score}", due, message.OccurredAt, cancellationToken);
        }
    }
}

public sealed class WorkOrderCancelledConsumer(TownshipDbContext db, CurrentTownship township, ILogger<WorkOrderCancelledConsumer> logger)
    : TownshipEventConsumer<WorkOrderCancelled>(db, township, logger)
{
    protected override async Task HandleAsync(WorkOrderCancelled message, CancellationToken cancellationToken)
    {
        var order = await LocalOrders.FindOrAddAsync(Db, message.WorkOrderId, message.HouseholdId, "", "", 0, message.OccurredAt, cancellationToken);
        order.Cancelled(message.OccurredAt);
    }
}

public sealed class ComplaintRaisedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ComplaintRaisedConsumer> logger)
    : TownshipEventConsumer<ComplaintRaised>(db, township, logger)
{
    protected override async Task HandleAsync(ComplaintRaised message, CancellationToken cancellationToken)
    {
        if (await Db.Complaints.FirstOrDefaultAsync(c => c.Id == message.ComplaintId, cancellationToken) is { } closedFirst)
        {
            closedFirst.Raised(message.Category, message.DueBy, message.OccurredAt);
        }
        else
        {
            Db.Complaints.Add(LocalComplaint.Heard(message.ComplaintId, message.HouseholdId, message.Category, message.DueBy, message.OccurredAt));
        }
    }
}

public sealed class ComplaintClosedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ComplaintClosedConsumer> logger)
    : TownshipEventConsumer<ComplaintClosed>(db, township, logger)
{
    protected override async Task HandleAsync(ComplaintClosed message, CancellationToken cancellationToken)
    {
        if (await Db.Complaints.FirstOrDefaultAsync(c => c.Id == message.ComplaintId, cancellationToken) is { } complaint)
        {
            complaint.Closed(message.OccurredAt);
        }
        else
        {
            Db.Complaints.Add(LocalComplaint.HeardClosed(message.ComplaintId, message.HouseholdId, message.OccurredAt));
        }
    }
}

internal static class LocalOrders
{
    /// <summary>
    /// The order as known here, or a new one: events of one order may arrive in any order, and an event that does not
    /// name the item or provider (a cancellation, a missed deadline) leaves them for the next one that does. Two events of
    /// one order arriving together (an order created and assigned at once) take turns on the order's lock, so the second
    /// finds the first's row instead of failing on its key and being retried.
    /// </summary>
    public static async Task<LocalWorkOrder> FindOrAddAsync(
        TownshipDbContext db, Guid id, Guid householdId, string itemCode, string providerId, int units, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await TransactionLocks.HoldAsync(db, "township.order", id.ToString(), cancellationToken);
        var order = await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            order = LocalWorkOrder.Heard(id, householdId, itemCode, providerId, units, at);
            db.WorkOrders.Add(order);
        }
        else
        {
            order.Learn(itemCode, providerId);
        }

        return order;
    }
}
