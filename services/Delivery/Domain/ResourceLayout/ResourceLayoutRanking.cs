namespace ReliefPlatform.Delivery.Domain.ResourceLayout;

/// <summary>
/// Ranks township × item cells so the hub sees where to buy or incubate next. Pure. The worst first: the largest weekly
/// shortfall (sessions the plans ask for beyond what approved providers can give), then the most households left without a
/// delivered service in the period, then the most households needing the item; ties by township and item code.
/// </summary>
public static class ResourceLayoutRanking
{
    /// <summary>Sessions per week a line of <paramref name="times"/> per <paramref name="per"/> asks for (a month is 52/12 weeks; once per assessment cycle counts as once a year).</summary>
    public static decimal PerWeek(int times, string per) => per switch
    {
        "Day" => times * 7m,
        "Week" => times,
        "Month" => times * 12m / 52m,
        "Quarter" => times * 4m / 52m,
        _ => times / 52m,
    };

    public static IReadOnlyList<ResourceGap> Rank(IEnumerable<ItemDemand> demand, IEnumerable<ItemSupply> supply, IEnumerable<ItemDelivery> delivered)
    {
        var needs = demand.ToDictionary(d => (d.TownshipCode, d.ItemCode));
        var offers = supply.ToDictionary(s => (s.TownshipCode, s.ItemCode));
        var done = delivered.ToDictionary(d => (d.TownshipCode, d.ItemCode));
        var cells = needs.Keys.Union(offers.Keys).Select(key =>
        {
            var need = needs.GetValueOrDefault(key);
            var offer = offers.GetValueOrDefault(key);
            var served = done.GetValueOrDefault(key);
            var demandPerWeek = decimal.Round(need?.SessionsPerWeek ?? 0, 2);
            var supplyPerWeek = decimal.Round(offer?.SessionsPerWeek ?? 0, 2);
            var households = need?.Households ?? 0;
            var shortfall = Math.Max(0, demandPerWeek - supplyPerWeek);
            var unserved = Math.Max(0, households - (served?.Households ?? 0));
            var gap = households == 0 ? "idle" : supplyPerWeek == 0 ? "no-supply" : shortfall > 0 ? "short" : unserved > 0 ? "undelivered" : "covered";
            return new ResourceGap(0, key.TownshipCode, key.ItemCode, households, demandPerWeek, offer?.Providers ?? 0, supplyPerWeek,
                served?.Orders ?? 0, served?.Households ?? 0, shortfall, demandPerWeek == 0 ? null : decimal.Round(supplyPerWeek / demandPerWeek, 2), unserved, gap, GapName(gap));
        });
        return [.. cells
            .OrderByDescending(c => c.ShortfallPerWeek)
            .ThenByDescending(c => c.UnservedHouseholds)
            .ThenByDescending(c => c.DemandHouseholds)
            .ThenBy(c => c.TownshipCode, StringComparer.Ordinal)
            .ThenBy(c => c.ItemCode, StringComparer.Ordinal)
            .Select((c, i) => c with { Rank = i + 1 })];
    }

    public static string GapName(string gap) => gap switch
    {
        "no-supply" => "需求无供给",
        "short" => "供给不足",
        "undelivered" => "有供给未送达",
        "covered" => "已覆盖",
        _ => "有供给无需求",
    };
}
