namespace ReliefPlatform.Provider.Domain.Capabilities;

/// <summary>A catalogue item a provider can deliver, in which townships, and how many services per week or month.</summary>
public sealed class Capability
{
    private Capability()
    {
    }

    public Guid ProviderId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string[] Townships { get; private set; } = [];

    public int Capacity { get; private set; }

    public CapacityPeriod Per { get; private set; }

    public static Capability Offer(Guid providerId, string itemCode, IEnumerable<string> townships, int capacity, CapacityPeriod per) =>
        new() { ProviderId = providerId, ItemCode = itemCode, Townships = [.. townships.Distinct().Order(StringComparer.Ordinal)], Capacity = capacity, Per = per };

    /// <summary>Services per week, to compare and rank providers whatever period they declared (a month is 52/12 weeks).</summary>
    public decimal WeeklyCapacity => Per == CapacityPeriod.Week ? Capacity : decimal.Round(Capacity * 12m / 52m, 2);
}

public enum CapacityPeriod
{
    Week,
    Month,
}
