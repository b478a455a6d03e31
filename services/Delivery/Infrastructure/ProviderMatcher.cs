using Microsoft.Extensions.Options;
using ReliefPlatform.Delivery.IntegrationEvents;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// For each included line of an approved plan: the providers Provider finds eligible (approved, offering the item in
/// the township with room left, certificates valid — ranked by load and rating) that also hold a purchase contract
/// covering the item and township today; the first gets a work order priced by its contract (one period's sessions).
/// No such provider → the line is an unmet need, with the reason, visible to the county. Provider unreachable → the
/// line waits, visibly (<c>awaitingMatch</c>), and <see cref="PlanRematcher"/> matches it again, backing off to
/// <see cref="MaxRetryDelay"/>, until Provider answers; nothing is lost.
/// </summary>
public sealed partial class ProviderMatcher(
    DeliveryDbContext db, IHttpClientFactory clients, IOptions<ServiceLevelOptions> serviceLevels, TimeProvider time, ILogger<ProviderMatcher> logger)
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the next attempt after <paramref name="attempts"/> failed ones: 15 s, 30 s, 1 min … up to five minutes.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, 15 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 10))));

    /// <summary>How long one eligibility question may take before the line waits instead (the caseworker is waiting for the answer).</summary>
    public static readonly TimeSpan ProviderPatience = TimeSpan.FromSeconds(8);

    /// <param name="waitingOnly">Only lines waiting for the provider network (the automatic retry), not lines already found unmet.</param>
    /// <param name="itemCode">Only this line (one a caseworker just added).</param>
    /// <returns>False when Provider could not be reached: that line and every one after it wait for the next try.</returns>
    public async Task<bool> MatchAsync(ServicePlan plan, string by, CancellationToken cancellationToken, bool waitingOnly = false, string? itemCode = null)
    {
        var today = time.CountyToday();
        var provider = clients.CreateClient(ResourceNames.Provider);
        var reachable = true;
        // Provider's eligibility already refuses a suspended provider; Delivery's own copy of the standing also covers the moment
        // before Provider's answer and an answer read just before the suspension.
        var outOfStanding = await db.OutOfStandingAsync(cancellationToken);
        foreach (var line in plan.Lines.Where(l => l.Included && l.WorkOrderId is null && (!waitingOnly || l.MatchRetryAt is not null)
            && (itemCode is null || l.ItemCode == itemCode)).ToList())
        {
            if (!reachable)
            {
                WaitForProvider(plan, line);
                continue;
            }

            var contracts = (await db.Contracts.AsNoTracking().Where(c => c.ItemCode == line.ItemCode).ToListAsync(cancellationToken))
                .Where(c => c.Townships.Contains(plan.TownshipCode) && c.From <= today && today <= c.Until)
                .ToList();
            JsonElement candidates;
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                patience.CancelAfter(ProviderPatience);
                candidates = await provider.GetFromJsonAsync<JsonElement>(
                    $"/api/provider/eligibility?itemCode={Uri.EscapeDataString(line.ItemCode)}&townshipCode={plan.TownshipCode}&householdId={plan.HouseholdId}", patience.Token);
            }
            catch (Exception ex) when (Unreachable(ex, cancellationToken))
            {
                LogProviderUnreachable(logger, (ex as HttpRequestException)?.StatusCode?.ToString() ?? ex.GetType().Name);
                reachable = false;
                WaitForProvider(plan, line);
                continue;
            }

            var eligible = candidates.EnumerateArray()
                .Where(c => c.GetProperty("eligible").GetBoolean() && !outOfStanding.Contains(c.GetProperty("providerId").GetString() ?? "")).ToList();
            var contracted = eligible.Select(c => (Candidate: c, Contracts: contracts.FindAll(k => k.ProviderId == c.GetProperty("providerId").GetString())))
                .Where(c => c.Contracts.Count > 0).ToList();
            // A provider whose contracts have fewer units left than one period's sessions is passed over for the next one. Counted
            // here without the contracts' locks (the matcher waits on Provider between lines): two plans approved in the same
            // moment could both take a contract's last units, which an order made by hand, a recurring period, a reassignment
            // or a suspension — each counted under the lock — never does.
            var ordered = contracted.Count == 0 ? [] : await ContractCaps.OrderedAsync(db, [.. contracted.SelectMany(c => c.Contracts).Select(k => k.ContractId).Distinct()], cancellationToken);
            var chosen = contracted.Select(c => (c.Candidate, Contract: ContractCaps.WithRoom(c.Contracts, ordered, line.Times))).FirstOrDefault(c => c.Contract is not null);
            if (chosen.Contract is null)
            {
                // A line that lost its provider to a suspension, with nobody else to take it, is unmet for that reason while the suspension lasts.
                var lost = line.LostProviderId is { } lostProvider && outOfStanding.Contains(lostProvider);
                var reason = lost ? ProviderSuspendedConsumer.Reason
                    : eligible.Count == 0 ? "no-eligible-provider"
                    : contracted.Count == 0 ? "no-contract"
                    : ContractCaps.Reached;
                plan.RecordMatch(line.ItemCode, null, null, (lost ? "原服务主体已暂停或退出服务网络；" : "") + (eligible.Count == 0
                    ? "没有符合条件的服务主体（已入库、在本乡镇提供、有余力、资质有效），列为未满足需求。"
                    : contracted.Count == 0 ? "符合条件的服务主体都没有覆盖本乡镇该事项的有效购买合同，列为未满足需求。"
                    : "符合条件的服务主体的购买合同中该事项的数量已用完，列为未满足需求。"));
                if (lost)
                {
                    line.NotServed(reason);
                }

                db.AddIntegrationEvent(new ServiceNeedUnmatched(plan.Id, plan.HouseholdId, plan.TownshipCode, line.ItemCode, reason, time.GetUtcNow()));
                continue;
            }

            var contract = chosen.Contract;
            // A recurring line's first order is the current period's; RecurringOrderSweeper makes the following ones.
            ServicePeriod? period = ServicePeriod.Recurs(line.Per) ? ServicePeriod.Containing(line.Per, today) : null;
            // A period that still holds a live order (moved to another provider when this line's provider was suspended) keeps
            // it: the household is not served twice; the line's next periods go to the provider chosen now.
            if (period is { } held && await LiveOrderOfAsync(plan, line, held, cancellationToken) is { } live)
            {
                plan.RecordMatch(line.ItemCode, contract.ProviderId, live,
                    $"选定{chosen.Candidate.GetProperty("name").GetString()}：符合条件，合同{contract.Number}单价{contract.UnitPrice:0.00}元；本期已有工单，自下期起由其服务。");
                continue;
            }
            var order = WorkOrder.Create(plan.HouseholdId, plan.TownshipCode, line.ItemCode, contract.ProviderId, contract.Year, contract.ProjectCode,
                line.Times, contract.UnitPrice, line.MinutesPerSession, by, time.GetUtcNow(), contract.ContractId, serviceLevels.Value.For(line.ItemCode),
                line.RequiredContent, plan.Id, period);
            db.WorkOrders.Add(order);
            WorkOrderEvents.Created(db, order);
            if (period is { } current)
            {
                await ClaimAsync(plan, line, current, order, cancellationToken);
            }

            plan.RecordMatch(line.ItemCode, contract.ProviderId, order.Id,
                $"选定{chosen.Candidate.GetProperty("name").GetString()}：符合条件，"
                + (chosen.Candidate.TryGetProperty("pairedWithHousehold", out var paired) && paired.GetBoolean() ? "与该户对口结对，" : "")
                + $"在办工单{chosen.Candidate.GetProperty("openOrders").GetInt32()}件，"
                + $"合同{contract.Number}单价{contract.UnitPrice:0.00}元。");
        }

        return reachable;
    }

    /// <summary>The period's key, or — for a line put back in a period it already had an order for (cancelled when removed) — the new order under it.</summary>
    private async Task ClaimAsync(ServicePlan plan, PlanLine line, ServicePeriod period, WorkOrder order, CancellationToken cancellationToken)
    {
        line.Claimed(time.GetUtcNow());
        if (await db.LinePeriods.FindAsync([plan.Id, line.ItemCode, period.Starts], cancellationToken) is { } claimed)
        {
            claimed.Reorder(order.Id);
        }
        else
        {
            db.LinePeriods.Add(LinePeriod.Ordered(plan.Id, line.ItemCode, period, order.Id, time.GetUtcNow()));
        }
    }

    /// <summary>The order holding the line's <paramref name="period"/>, when the period is claimed by one not cancelled or rejected.</summary>
    private async Task<Guid?> LiveOrderOfAsync(ServicePlan plan, PlanLine line, ServicePeriod period, CancellationToken cancellationToken) =>
        await (from claim in db.LinePeriods
               where claim.PlanId == plan.Id && claim.ItemCode == line.ItemCode && claim.Starts == period.Starts && claim.WorkOrderId != null
               join order in db.WorkOrders.IgnoreQueryFilters() on claim.WorkOrderId equals order.Id
               where order.Status != WorkOrderStatus.Cancelled && order.Status != WorkOrderStatus.Rejected
               select (Guid?)order.Id).FirstOrDefaultAsync(cancellationToken);

    private void WaitForProvider(ServicePlan plan, PlanLine line)
    {
        var retryAt = time.GetUtcNow() + RetryDelay(line.MatchAttempts + 1);
        plan.MatchLater(line.ItemCode, $"服务主体库暂时无法访问，将于 {retryAt.ToOffset(TimeSpan.FromHours(8)):HH:mm:ss} 自动重新匹配。", retryAt);
    }

    /// <summary>
    /// Provider did not answer: a failed or refused request, a timeout, or the resilience pipeline giving up (Polly's
    /// timeout and open-circuit exceptions, matched by namespace because two Polly assemblies define the base type).
    /// </summary>
    private static bool Unreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        || ex.GetType().Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider could not be asked for eligible providers ({Error}); plan lines stay unmatched.")]
    private static partial void LogProviderUnreachable(ILogger logger, string error);
}
