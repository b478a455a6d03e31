using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Providers;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// A suspended or terminated provider keeps no work it has not started: each order of its waiting for money, assigned or
/// scheduled (and not given after a later reinstatement) goes to another provider in good standing bound by a contract under the same project, for the item and township
/// today with units left under its cap, at the same unit price (the money is reserved at that price) — or, when there is none or the order is still waiting
/// for its money, is cancelled. Either way with the reason <c>provider-suspended</c>, and WorkOrderReassigned / WorkOrderCancelled
/// tell the township centre, Provider (load) and Funding (a cancelled order's money returns). Orders already in progress finish.
/// When the suspension is the latest fact about the provider (<see cref="ProviderStanding"/>), the plan lines that name it are
/// matched afresh by the plan rematcher — another eligible, contracted provider, or an unmet need (<c>provider-suspended</c>) —
/// and the periods whose orders were cancelled here are released for the new provider's orders.
/// </summary>
public sealed class ProviderSuspendedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<ProviderSuspendedConsumer> logger)
    : IdempotentConsumer<ProviderSuspended, DeliveryDbContext>(db, logger)
{
    public const string Reason = "provider-suspended";

    protected override async Task HandleAsync(ProviderSuspended m, CancellationToken cancellationToken)
    {
        var provider = m.ProviderId.ToString();
        var standing = await Db.StandingForUpdateAsync(provider, cancellationToken);
        var latest = standing.Apply(m.Terminated ? ProviderStandingStatus.Terminated : ProviderStandingStatus.Suspended, m.OccurredAt);
        // While this suspension is the latest fact, every order not started goes (one made before Delivery learned of it too); a
        // suspension that arrives after the provider's reinstatement takes only the orders given before that reinstatement.
        var orders = await MoveOrdersAsync(provider, latest ? DateTimeOffset.MaxValue : standing.ChangedAt, cancellationToken);
        if (latest)
        {
            await RematchLinesAsync(provider, orders, cancellationToken);
        }
    }

    private async Task<List<WorkOrder>> MoveOrdersAsync(string provider, DateTimeOffset givenBefore, CancellationToken cancellationToken)
    {
        var orders = await Db.WorkOrders
            .Where(o => o.ProviderId == provider && o.CreatedAt < givenBefore
                && (o.Status == WorkOrderStatus.AwaitingFunds || o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled))
            .ToListAsync(cancellationToken);
        if (orders.Count == 0)
        {
            return orders;
        }

        var items = orders.Select(o => o.ItemCode).Distinct().ToList();
        var outOfStanding = await Db.OutOfStandingAsync(cancellationToken);
        var today = time.CountyToday();
        var now = time.GetUtcNow();
        // The contracts another provider could take each order under (same project and price, covering it today), in one order.
        var all = (await Db.Contracts.AsNoTracking().Where(c => c.ProviderId != provider && items.Contains(c.ItemCode)).ToListAsync(cancellationToken))
            .Where(c => !outOfStanding.Contains(c.ProviderId)).OrderBy(c => c.ProviderId, StringComparer.Ordinal).ToList();
        var candidates = orders.ToDictionary(o => o.Id, o => o.Status == WorkOrderStatus.AwaitingFunds ? [] : all.FindAll(c =>
            c.Year == o.Year && c.ProjectCode == o.ProjectCode && c.UnitPrice == o.UnitPrice && c.Covers(c.ProviderId, o.ItemCode, o.TownshipCode, today)));
        // An order moves only under a contract with its units left, counted under the contracts' locks as for any order.
        var ordered = await ContractCaps.LockAndCountAsync(Db, [.. candidates.Values.SelectMany(c => c)], cancellationToken);
        foreach (var order in orders)
        {
            var other = ContractCaps.WithRoom(candidates[order.Id], ordered, order.Units);
            if (other is not null)
            {
                ordered[(other.ContractId, other.ItemCode)] = ordered.GetValueOrDefault((other.ContractId, other.ItemCode)) + order.Units;
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

        return orders;
    }

    /// <summary>
    /// Each approved plan's line that names the provider: a recurring one is matched afresh (a period keeping a live order keeps
    /// it); a once-per-cycle line follows its single order — to the provider it was reassigned to, or matched afresh when it was
    /// cancelled — and is left alone once its service has begun.
    /// </summary>
    private async Task RematchLinesAsync(string provider, List<WorkOrder> moved, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plans = await Db.Plans.Include(p => p.Lines)
            .Where(p => p.Status == PlanStatus.Approved && p.Lines.Any(l => l.Included && l.ProviderId == provider))
            .ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            foreach (var line in plan.Lines.Where(l => l.Included && l.ProviderId == provider).ToList())
            {
                var order = moved.Find(o => o.Id == line.WorkOrderId);
                if (ServicePeriod.Recurs(line.Per) || order?.Status == WorkOrderStatus.Cancelled)
                {
                    plan.Rematch(line.ItemCode, provider, ProviderStandings.Rematching, now);
                }
                else if (order is not null)
                {
                    plan.RecordMatch(line.ItemCode, order.ProviderId, order.Id, "原服务主体已暂停或退出服务网络，工单已改派给同一购买项目下同价签约的服务主体。");
                }
            }
        }

        // The periods whose orders were cancelled here and are not over yet are ordered again for the line's new provider.
        var today = time.CountyToday();
        var cancelled = moved.Where(o => o.Status == WorkOrderStatus.Cancelled && o.PeriodEnds > today).Select(o => o.Id).ToList();
        if (cancelled.Count > 0)
        {
            Db.LinePeriods.RemoveRange(await Db.LinePeriods.Where(p => p.WorkOrderId != null && cancelled.Contains(p.WorkOrderId.Value)).ToListAsync(cancellationToken));
        }
    }
}
