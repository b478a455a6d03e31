using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Messaging.Leases;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// Continues matching that had to wait: every <see cref="Interval"/>, approved plans with a line whose retry is due are
/// matched again (those lines only). A line keeps waiting, backing off, for as long as the provider network is away.
/// </summary>
public sealed class PlanRematcher(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<PlanRematcher> logger)
    : PeriodicSweeper(leases, time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override TimeSpan Period => Interval;

    /// <returns>How many plans were matched again (Provider answered for them).</returns>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var matcher = scope.ServiceProvider.GetRequiredService<ProviderMatcher>();
        var now = Time.GetUtcNow();
        var plans = await db.Plans.Include(p => p.Lines)
            .Where(p => p.Status == PlanStatus.Approved && p.Lines.Any(l => l.Included && l.WorkOrderId == null && l.MatchRetryAt <= now))
            .OrderBy(p => p.ApprovedAt).Take(50).ToListAsync(cancellationToken);
        var matched = 0;
        foreach (var plan in plans)
        {
            var reachable = await matcher.MatchAsync(plan, "delivery", cancellationToken, waitingOnly: true);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (LostRace.To(ex))
            {
                // Someone matched these lines a moment ago; theirs stands.
                db.ChangeTracker.Clear();
                continue;
            }

            if (!reachable)
            {
                break; // still away: the rest wait for their own next try rather than each waiting out the timeout now
            }

            matched++;
        }

        return matched;
    }
}
