namespace ReliefPlatform.Delivery.Domain.Plans;

/// <summary>
/// A recurring plan line's period, claimed once: its key (plan, item, start) is unique in the database, so when two
/// Delivery instances make the same period's order at once the second insert is refused and its order never exists.
/// Holds the period's work order, or why there is none (an unmet need).
/// </summary>
public sealed class LinePeriod
{
    private LinePeriod()
    {
    }

    public Guid PlanId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public DateOnly Starts { get; private set; }

    public DateOnly Ends { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    /// <summary><c>no-contract</c> when no purchase contract of the line's provider covered the period, <c>contract-cap</c> when the contract had no units left for it; null when an order was made.</summary>
    public string? UnmetReason { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public static LinePeriod Ordered(Guid planId, string itemCode, ServicePeriod period, Guid workOrderId, DateTimeOffset at) =>
        new() { PlanId = planId, ItemCode = itemCode, Starts = period.Starts, Ends = period.Ends, WorkOrderId = workOrderId, ClaimedAt = at };

    public static LinePeriod Unmet(Guid planId, string itemCode, ServicePeriod period, string reasonCode, DateTimeOffset at) =>
        new() { PlanId = planId, ItemCode = itemCode, Starts = period.Starts, Ends = period.Ends, UnmetReason = reasonCode, ClaimedAt = at };

    /// <summary>A line taken out and put back in the same period gets a new order for it (the earlier one was cancelled).</summary>
    public void Reorder(Guid workOrderId)
    {
        WorkOrderId = workOrderId;
        UnmetReason = null;
    }
}
