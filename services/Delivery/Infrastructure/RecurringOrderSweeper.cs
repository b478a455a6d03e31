using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.IntegrationEvents;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// Recurring services: every <see cref="Interval"/>, each matched line of an approved plan that recurs (a frequency per
/// day, week, month, quarter or year) gets its work order for the current period and, ahead of time, the next
/// <see cref="RecurringOptions.PeriodsAhead"/> ones (one by default: the next period's order is made when the current one
/// starts, so providers can plan their visits) — until the plan reaches its review date, is superseded,
/// or the line is removed. Each order is priced by a contract of the line's provider covering the period's first day,
/// and WorkOrderCreated asks Funding to reserve that period's money; with no such contract the period is an unmet need
/// (ServiceNeedUnmatched). A line whose provider is suspended or gone (<see cref="ProviderStandings"/>) gets no order: it is handed
/// to the <see cref="PlanRematcher"/>, which finds another provider or records the need unmet. Exactly once per period, however many Delivery instances sweep: the period's key is unique in
/// the database (<see cref="LinePeriod"/>), so a second instance's claim is refused and dropped with its order and events.
/// </summary>
public sealed class RecurringOrderSweeper(
    IServiceScopeFactory scopes, IOptions<RecurringOptions> options, JobLeases leases, TimeProvider time, ILogger<RecurringOrderSweeper> logger)
    : PeriodicSweeper(leases, time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly string[] Periods = ["Day", "Week", "Month", "Quarter", "Year"];

    protected override TimeSpan Period => Interval;

    /// <returns>How many periods this sweep claimed (an order made, or an unmet need recorded).</returns>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var levels = scope.ServiceProvider.GetRequiredService<IOptions<ServiceLevelOptions>>().Value;
        var today = Time.CountyToday();
        var claimed = 0;
        foreach (var per in Periods)
        {
            var window = Window(per, today);
            var starts = window.Select(p => p.Starts).ToArray();
            var due = await (
                    from plan in db.Plans.AsNoTracking()
                    where plan.Status == PlanStatus.Approved && (plan.ReviewOn == null || plan.ReviewOn > window[0].Starts)
                    from line in plan.Lines
                    where line.Included && line.ProviderId != null && line.Per == per
                        && db.LinePeriods.Count(p => p.PlanId == plan.Id && p.ItemCode == line.ItemCode && starts.Contains(p.Starts)) < starts.Length
                    orderby plan.ApprovedAt
                    select new DueLine(plan.Id, plan.HouseholdId, plan.TownshipCode, plan.ReviewOn, line.ItemCode, line.ProviderId!, line.Times,
                        line.MinutesPerSession, line.RequiredContent))
                .Take(200).ToListAsync(cancellationToken);
            foreach (var line in due)
            {
                var known = await db.LinePeriods.AsNoTracking()
                    .Where(p => p.PlanId == line.PlanId && p.ItemCode == line.ItemCode && starts.Contains(p.Starts))
                    .Select(p => p.Starts).ToListAsync(cancellationToken);
                foreach (var period in window.Where(p => !known.Contains(p.Starts) && (line.ReviewOn is null || p.Starts < line.ReviewOn)))
                {
                    claimed += await ClaimAsync(db, levels, line, period, cancellationToken) ? 1 : 0;
                }
            }
        }

        return claimed;
    }

    /// <returns>
    /// False when another instance claimed the period first (its order stands; ours is dropped unsaved), or the line was
    /// changed since it was read (removed or re-paced: the next sweep sees it as it is now), or its provider lost its standing.
    /// </returns>
    private async Task<bool> ClaimAsync(DeliveryDbContext db, ServiceLevelOptions levels, DueLine due, ServicePeriod period, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        // One transaction per claim: the provider's standing is read under its lock and the contract's units counted under
        // the contract's, as for an order made by hand; a claim that returns without saving rolls back.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var planLine = await db.Set<PlanLine>().FirstAsync(l => l.PlanId == due.PlanId && l.ItemCode == due.ItemCode, cancellationToken);
        if (!planLine.Included || planLine.ProviderId != due.ProviderId)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        // Never an order for a provider suspended or gone: the line goes back to the plan rematcher (another provider, or an
        // unmet need with the reason provider-suspended) and its periods wait for that answer.
        if (await db.LostStandingAsync(due.ProviderId, cancellationToken) is not null)
        {
            planLine.Release(due.ProviderId, ProviderStandings.Rematching, now);
            await SaveClaimAsync(db, transaction, cancellationToken);
            return false;
        }

        // The line as it is now (a caseworker may have changed the frequency since the sweep's query), saved with the claim.
        var line = due with { Times = planLine.Times };
        planLine.Claimed(now);
        var covering = (await db.Contracts.AsNoTracking().Where(c => c.ProviderId == line.ProviderId && c.ItemCode == line.ItemCode).ToListAsync(cancellationToken))
            .Where(c => c.Covers(line.ProviderId, line.ItemCode, line.TownshipCode, period.Starts)).ToList();
        var contract = ContractCaps.WithRoom(covering, await ContractCaps.LockAndCountAsync(db, covering, cancellationToken), line.Times);
        if (contract is null)
        {
            var unmet = covering.Count == 0 ? "no-contract" : ContractCaps.Reached;
            db.LinePeriods.Add(LinePeriod.Unmet(line.PlanId, line.ItemCode, period, unmet, now));
            planLine.NotServed(unmet);
            db.AddIntegrationEvent(new ServiceNeedUnmatched(line.PlanId, line.HouseholdId, line.TownshipCode, line.ItemCode, unmet, now));
        }
        else
        {
            var order = WorkOrder.Create(line.HouseholdId, line.TownshipCode, line.ItemCode, line.ProviderId, contract.Year, contract.ProjectCode, line.Times,
                contract.UnitPrice, line.MinutesPerSession, "delivery", now, contract.ContractId, levels.For(line.ItemCode), line.RequiredContent, line.PlanId, period);
            db.WorkOrders.Add(order);
            WorkOrderEvents.Created(db, order);
            db.LinePeriods.Add(LinePeriod.Ordered(line.PlanId, line.ItemCode, period, order.Id, now));
        }

        return await SaveClaimAsync(db, transaction, cancellationToken);
    }

    private static async Task<bool> SaveClaimAsync(DeliveryDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The period containing <paramref name="today"/> and the ones ordered ahead of it.</summary>
    private List<ServicePeriod> Window(string per, DateOnly today)
    {
        List<ServicePeriod> window = [ServicePeriod.Containing(per, today)];
        for (var ahead = 0; ahead < options.Value.PeriodsAhead; ahead++)
        {
            window.Add(window[^1].Next(per));
        }

        return window;
    }

    private sealed record DueLine(
        Guid PlanId, Guid HouseholdId, string TownshipCode, DateOnly? ReviewOn, string ItemCode, string ProviderId, int Times, int MinutesPerSession,
        string[] RequiredContent);
}

public sealed class RecurringOptions
{
    public const string Section = "Recurring";

    /// <summary>
    /// How many periods after the current one a recurring line's orders are made ahead (0–4; default 1): the county's
    /// choice of how far ahead providers see their visits, and each of those periods' money is reserved when its order is made.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 4)]
    public int PeriodsAhead { get; set; } = 1;
}
