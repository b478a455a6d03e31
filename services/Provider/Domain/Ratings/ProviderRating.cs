namespace ReliefPlatform.Provider.Domain.Ratings;

/// <summary>Recipients' satisfaction with a provider's confirmed services of one item (1–5 each), aggregated.</summary>
public sealed class ProviderRating
{
    private ProviderRating()
    {
    }

    public string ProviderId { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    public int Count { get; private set; }

    public int Total { get; private set; }

    /// <summary>Services rated 4 or 5 (满意).</summary>
    public int Satisfied { get; private set; }

    public decimal Mean => Count == 0 ? 0 : decimal.Round((decimal)Total / Count, 2);

    public decimal SatisfiedShare => Count == 0 ? 0 : decimal.Round((decimal)Satisfied / Count, 4);

    public static ProviderRating For(string providerId, string itemCode) => new() { ProviderId = providerId, ItemCode = itemCode };

    public void Add(int satisfaction)
    {
        if (satisfaction is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(satisfaction), "Satisfaction is 1–5.");
        }

        Count++;
        Total += satisfaction;
        Satisfied += satisfaction >= 4 ? 1 : 0;
    }
}

/// <summary>A work order assigned to a provider, as Provider tracks it to know the provider's current load.</summary>
public sealed class AssignedOrder
{
    private AssignedOrder()
    {
    }

    public Guid WorkOrderId { get; private set; }

    public string ProviderId { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    public bool Open { get; private set; }

    public static AssignedOrder Track(Guid workOrderId, string providerId, string itemCode) =>
        new() { WorkOrderId = workOrderId, ProviderId = providerId, ItemCode = itemCode, Open = true };

    public void Finish() => Open = false;

    /// <summary>An order heard of first by its end (a cancellation or confirmation that overtook its creation): it never counts as load.</summary>
    public static AssignedOrder Finished(Guid workOrderId, string providerId, string itemCode) =>
        new() { WorkOrderId = workOrderId, ProviderId = providerId, ItemCode = itemCode, Open = false };

    /// <summary>The order went to another provider: it now counts against that one.</summary>
    public void MoveTo(string providerId) => ProviderId = providerId;
}
