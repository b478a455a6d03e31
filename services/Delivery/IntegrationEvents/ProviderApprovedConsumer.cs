using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Providers;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// A provider joined the network or was reinstated: when that is the latest fact about it (<see cref="ProviderStanding"/>), it may
/// be given work again — orders by hand, matching, the recurrence — and the plan lines left unmet when it was suspended (nobody
/// else could take them) are matched afresh by the plan rematcher, where it competes like any eligible provider.
/// </summary>
public sealed class ProviderApprovedConsumer(DeliveryDbContext db, TimeProvider time, ILogger<ProviderApprovedConsumer> logger)
    : IdempotentConsumer<ProviderApproved, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ProviderApproved m, CancellationToken cancellationToken)
    {
        var provider = m.ProviderId.ToString();
        var standing = await Db.StandingForUpdateAsync(provider, cancellationToken);
        if (!standing.Apply(ProviderStandingStatus.Approved, m.OccurredAt))
        {
            return;
        }

        var now = time.GetUtcNow();
        var plans = await Db.Plans.Include(p => p.Lines)
            .Where(p => p.Status == PlanStatus.Approved
                && p.Lines.Any(l => l.Included && l.LostProviderId == provider && l.ProviderId == null && l.MatchRetryAt == null))
            .ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            foreach (var line in plan.Lines.Where(l => l.Included && l.LostProviderId == provider && l.ProviderId == null && l.MatchRetryAt == null).ToList())
            {
                plan.Rematch(line.ItemCode, provider, "原服务主体已恢复，正在重新匹配服务主体。", now);
            }
        }
    }
}
