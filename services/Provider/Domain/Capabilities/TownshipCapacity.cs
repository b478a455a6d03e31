namespace ReliefPlatform.Provider.Domain.Capabilities;

/// <summary>What the network can deliver of an item in a township: how many providers offer it there, and their sessions a week.</summary>
public sealed record TownshipCapacity(string TownshipCode, string ItemCode, int Providers, decimal WeeklyCapacity)
{
    /// <summary>
    /// Sums capabilities per township × item. A provider's capacity is for all the townships it serves, so each of them gets
    /// an equal share (12 a week over 3 townships is 4 a week in each). Pure; the caller passes only providers that may be given work.
    /// </summary>
    public static IReadOnlyList<TownshipCapacity> Sum(IEnumerable<Capability> capabilities) =>
    [
        .. capabilities
            .Where(c => c.Townships.Length > 0 && c.Capacity > 0)
            .SelectMany(c => c.Townships.Select(t => (Township: t, c.ItemCode, c.ProviderId, Share: c.WeeklyCapacity / c.Townships.Length)))
            .GroupBy(x => (x.Township, x.ItemCode))
            .Select(g => new TownshipCapacity(g.Key.Township, g.Key.ItemCode, g.Select(x => x.ProviderId).Distinct().Count(), decimal.Round(g.Sum(x => x.Share), 2)))
            .OrderBy(c => c.TownshipCode, StringComparer.Ordinal)
            .ThenBy(c => c.ItemCode, StringComparer.Ordinal),
    ];
}
