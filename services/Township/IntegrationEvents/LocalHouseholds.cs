using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Security.Locks;
using ReliefPlatform.Township.Domain.Households;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>
/// The households as this centre knows them. Events about a household travel on separate queues, so any of them may
/// come first: whichever does makes the household known, and the registration fills in the rest when it arrives.
/// </summary>
internal static class LocalHouseholds
{
    public static async Task RegisterAsync(
        TownshipDbContext db, IReadOnlyList<ImportedHousehold> registered, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // One entry per household, even if a batch names one twice.
        var distinct = registered.DistinctBy(h => h.HouseholdId).ToList();
        var ids = distinct.Select(h => h.HouseholdId).ToList();
        // A registration and another event of the household arriving together take turns (FindOrHearOfAsync).
        await TransactionLocks.HoldAllAsync(db, "township.household", ids.Select(id => id.ToString()), cancellationToken);
        var known = await db.Households.Where(h => ids.Contains(h.HouseholdId)).ToDictionaryAsync(h => h.HouseholdId, cancellationToken);
        foreach (var h in distinct)
        {
            if (known.TryGetValue(h.HouseholdId, out var household))
            {
                household.Registered(h.VillageCode, h.Category, h.MemberCount, at);
            }
            else
            {
                db.Households.Add(LocalHousehold.FromRegistration(h.HouseholdId, h.VillageCode, h.Category, h.MemberCount, at));
            }
        }

        // A low-satisfaction follow-up raised before the household was known here had no village to go to.
        var villages = distinct.ToDictionary(h => h.HouseholdId, h => h.VillageCode);
        foreach (var task in await db.Tasks.Where(t => ids.Contains(t.HouseholdId) && t.VillageCode == "").ToListAsync(cancellationToken))
        {
            task.InVillage(villages[task.HouseholdId]);
        }
    }

    /// <summary>
    /// The household, or — when its registration has not arrived yet — a household known by id and village only. Events of
    /// one household arriving together take turns on its lock (see <see cref="LocalOrders.FindOrAddAsync"/>).
    /// </summary>
    public static async Task<LocalHousehold> FindOrHearOfAsync(
        TownshipDbContext db, Guid householdId, string villageCode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await TransactionLocks.HoldAsync(db, "township.household", householdId.ToString(), cancellationToken);
        var household = await db.Households.FirstOrDefaultAsync(h => h.HouseholdId == householdId, cancellationToken);
        if (household is null)
        {
            household = LocalHousehold.HeardOf(householdId, villageCode, at);
            db.Households.Add(household);
        }

        return household;
    }
}
