using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// A registry correction reaches the recipient: its category is what the next plan is matched with (members are not kept
/// here; the plan fetches the household's matching profile when it is drafted). Latest correction wins, whatever the order.
/// </summary>
public sealed class HouseholdCorrectedConsumer(DeliveryDbContext db, ILogger<HouseholdCorrectedConsumer> logger)
    : IdempotentConsumer<HouseholdCorrected, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(HouseholdCorrected message, CancellationToken cancellationToken)
    {
        var recipient = await Db.Recipients.FindAsync([message.HouseholdId], cancellationToken)
            ?? throw new PrerequisiteNotArrivedException("HouseholdCorrected arrived before the household's registration; it waits for it.");
        recipient.Correct(message.Category, message.OccurredAt, message.VillageCode);
    }
}

/// <summary>
/// A household moved to another township: it is served there from now on. What its old township had arranged stops — the
/// plans made there are superseded (no further periods are ordered) and its orders not yet started are cancelled
/// (<c>household-moved</c>; Funding releases their money) — and the new township reassesses it, which drafts the new plan.
/// </summary>
public sealed class HouseholdMovedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<HouseholdMovedConsumer> logger)
    : IdempotentConsumer<HouseholdMoved, DeliveryDbContext>(db, logger)
{
    public const string Reason = "household-moved";

    protected override async Task HandleAsync(HouseholdMoved message, CancellationToken cancellationToken)
    {
        var recipient = await Db.Recipients.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.HouseholdId == message.HouseholdId, cancellationToken)
            ?? throw new PrerequisiteNotArrivedException("HouseholdMoved arrived before the household's registration; it waits for it.");
        recipient.Move(message.TownshipCode, message.VillageCode, message.Category, message.OccurredAt);
        var plans = await Db.Plans.IgnoreQueryFilters()
            .Where(p => p.HouseholdId == message.HouseholdId && p.TownshipCode == message.FromTownshipCode && p.Status != PlanStatus.Superseded)
            .ToListAsync(cancellationToken);
        plans.ForEach(p => p.Supersede());
        var now = time.GetUtcNow();
        var open = await Db.WorkOrders.IgnoreQueryFilters().Include(o => o.Steps)
            .Where(o => o.HouseholdId == message.HouseholdId && o.TownshipCode == message.FromTownshipCode
                && (o.Status == WorkOrderStatus.AwaitingFunds || o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled))
            .ToListAsync(cancellationToken);
        foreach (var order in open)
        {
            order.Cancel(Reason, "registry", now);
            Db.AddIntegrationEvent(new WorkOrderCancelled(order.Id, order.HouseholdId, order.TownshipCode, Reason, now));
        }
    }
}
