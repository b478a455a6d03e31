using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// A purchase contract's unit caps, held under concurrency. Whoever orders units under a contract — a work order, a batch of
/// migrated history — first takes the contract's transaction-scoped advisory lock and only then counts what is already
/// ordered, so two requests racing for the last units queue: the second counts after the first has committed or rolled back,
/// and never both pass the cap.
/// </summary>
internal static class ContractCaps
{
    /// <summary>Locks the contracts (in one order, so two batches never wait on each other) until the transaction ends.</summary>
    public static async Task LockAsync(DeliveryDbContext db, IEnumerable<Guid> contractIds, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A contract's cap is held only inside the transaction that orders under it.");
        }

        foreach (var contract in contractIds.Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('delivery.contract-cap'), hashtext({contract.ToString()}))", cancellationToken);
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
