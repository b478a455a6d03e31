using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// The SLA timer: every minute, orders that passed their response or completion deadline are reported once per
/// deadline with WorkOrderDeadlineMissed, so the township follows them up; referrals a department has not finished by
/// their deadline are escalated once with ReferralDeadlineMissed. Time comes from the TimeProvider.
/// </summary>
public sealed class OverdueSweeper(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<OverdueSweeper> logger) : PeriodicSweeper(leases, time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan Period => Interval;

    /// <returns>How many deadlines (of orders and referrals) were reported.</returns>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var now = Time.GetUtcNow();
        var late = await db.WorkOrders
            .Where(o => (o.Status == WorkOrderStatus.Assigned && o.RespondBy < now && !o.ResponseOverdueReported)
                || ((o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled || o.Status == WorkOrderStatus.InProgress)
                    && o.CompleteBy < now && !o.CompletionOverdueReported))
            .OrderBy(o => o.CompleteBy).Take(500).ToListAsync(cancellationToken);
        var reported = 0;
        foreach (var order in late)
        {
            if (order.ReportOverdue(now) is { } deadline)
            {
                db.AddIntegrationEvent(new WorkOrderDeadlineMissed(order.Id, order.HouseholdId, order.TownshipCode, deadline,
                    deadline == "response" ? order.RespondBy!.Value : order.CompleteBy!.Value, now));
                reported++;
            }
        }

        var lateReferrals = await db.Referrals
            .Where(r => (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Accepted) && r.DueBy < now && r.OverdueReportedAt == null)
            .OrderBy(r => r.DueBy).Take(500).ToListAsync(cancellationToken);
        foreach (var referral in lateReferrals.Where(r => r.ReportOverdue(now)))
        {
            db.AddIntegrationEvent(new ReferralDeadlineMissed(referral.Id, referral.HouseholdId, referral.TownshipCode, referral.Department, referral.DueBy!.Value, now));
            reported++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return reported;
    }
}
