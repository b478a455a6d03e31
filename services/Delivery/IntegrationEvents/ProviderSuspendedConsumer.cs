using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// A suspended or terminated provider keeps no work it has not started: each order of its assigned or scheduled before the
/// suspension goes to another provider bound by a contract under the same project, for the item and township today, at the
/// same unit price (the money is reserved at that price) — or, when there is none or the order is still waiting for its money,
/// is cancelled. Either way with the reason <c>provider-suspended</c>, and WorkOrderReassigned / WorkOrderCancelled tell the
/// township centre, Provider (load) and Funding (a cancelled order's money returns). Orders already in progress finish.
/// </summary>
public sealed class ProviderSuspendedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<ProviderSuspendedConsumer> logger)
    : IdempotentConsumer<ProviderSuspended, DeliveryDbContext>(db, logger)
{
    public const string Reason = "provider-suspended";

    protected override async Task HandleAsync(ProviderSuspended m, CancellationToken cancellationToken)
    {
        var provider = m.ProviderId.ToString();
        // Orders given to it after the suspension happened (it was reinstated meanwhile; events come in any order) stay.
        var orders = await Db.WorkOrders
            .Where(o => o.ProviderId == provider && o.CreatedAt <= m.OccurredAt
                && (o.Status == WorkOrderStatus.AwaitingFunds || o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled))
            .ToListAsync(cancellationToken);
        if (orders.Count == 0)
        {
            return;
        }

        var items = orders.Select(o => o.ItemCode).Distinct().ToList();
        var contracts = await Db.Contracts.AsNoTracking().Where(c => c.ProviderId != provider && items.Contains(c.ItemCode)).ToListAsync(cancellationToken);
        var today = time.CountyToday();
        var now = time.GetUtcNow();
        foreach (var order in orders)
        {
            var other = order.Status == WorkOrderStatus.AwaitingFunds
                ? null
                : contracts.Where(c => c.Year == order.Year && c.ProjectCode == order.ProjectCode && c.UnitPrice == order.UnitPrice
                        && c.Covers(c.ProviderId, order.ItemCode, order.TownshipCode, today))
                    .OrderBy(c => c.ProviderId, StringComparer.Ordinal).FirstOrDefault();
            if (other is not null)
            {
                order.Reassign(other.ProviderId, other.ContractId, Reason, "provider-standing", now);
                Db.AddIntegrationEvent(new WorkOrderReassigned(order.Id, order.HouseholdId, order.TownshipCode, order.ItemCode, provider, order.ProviderId, Reason,
                    order.RespondBy!.Value, order.CompleteBy!.Value, now));
            }
            else
            {
                order.Cancel(Reason, "provider-standing", now);
                Db.AddIntegrationEvent(new WorkOrderCancelled(order.Id, order.HouseholdId, order.TownshipCode, Reason, now));
            }
        }
    }
}
