using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Security.Locks;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// A purchase contract's unit caps, held under concurrency. Whoever orders units under a contract — a work order, a batch of
/// migrated history — first takes the contract's transaction-scoped advisory lock and only then counts what is already
/// ordered, so two requests racing for the last units queue: the second counts after the first has committed or rolled back,
/// and never both pass the cap. Every way Delivery gives work — an order by hand, a reassignment, a suspension moving orders,
/// the recurrence — picks among the contracts that could serve with <see cref="LockAndCountAsync"/> and <see cref="WithRoom"/>;
/// matching, which waits on Provider between lines, counts without the lock (see ProviderMatcher).
/// </summary>
internal static class ContractCaps
{
    /// <summary>The unmet reason of a period or line whose contracts have no units left for it.</summary>
    public const string Reached = "contract-cap";

    /// <summary>Units still free under the contract's item, given what is ordered under each contract's item.</summary>
    public static int Left(IReadOnlyDictionary<(Guid ContractId, string ItemCode), int> ordered, KnownContract contract) =>
        contract.QuantityCap - ordered.GetValueOrDefault((contract.ContractId, contract.ItemCode));

    /// <summary>The first of <paramref name="candidates"/> with <paramref name="units"/> left; null when none has.</summary>
    public static KnownContract? WithRoom(IEnumerable<KnownContract> candidates, IReadOnlyDictionary<(Guid ContractId, string ItemCode), int> ordered, int units) =>
        candidates.FirstOrDefault(c => Left(ordered, c) >= units);

    /// <summary>Locks the candidates until the transaction ends, then counts what is ordered under them.</summary>
    public static async Task<Dictionary<(Guid ContractId, string ItemCode), int>> LockAndCountAsync(
        DeliveryDbContext db, IReadOnlyCollection<KnownContract> candidates, CancellationToken cancellationToken)
    {
        var ids = candidates.Select(c => c.ContractId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        await LockAsync(db, ids, cancellationToken);
        return await OrderedAsync(db, ids, cancellationToken);
    }

    /// <summary>Locks the contracts (in one order, so two batches never wait on each other) until the transaction ends.</summary>
    public static async Task LockAsync(DeliveryDbContext db, IEnumerable<Guid> contractIds, CancellationToken cancellationToken)
    {
        foreach (var contract in contractIds.Distinct().Order())
        {
            await TransactionLocks.HoldAsync(db, "delivery.contract-cap", contract.ToString(), cancellationToken);
        }
    }

    /// <summary>Units already ordered under each contract's item (orders neither cancelled nor refused their money), every township's.</summary>
    public static Task<Dictionary<(Guid ContractId, string ItemCode), int>> OrderedAsync(
        DeliveryDbContext db, IReadOnlyCollection<Guid> contractIds, CancellationToken cancellationToken) =>
        db.WorkOrders.IgnoreQueryFilters()
            .Where(o => o.ContractId != null && contractIds.Contains(o.ContractId.Value) && o.Status != WorkOrderStatus.Cancelled && o.Status != WorkOrderStatus.Rejected)
            .GroupBy(o => new { o.ContractId, o.ItemCode }).Select(g => new { g.Key.ContractId, g.Key.ItemCode, Units = g.Sum(o => o.Units) })
            .ToDictionaryAsync(g => (g.ContractId!.Value, g.ItemCode), g => g.Units, cancellationToken);
}
