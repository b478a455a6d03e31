namespace ReliefPlatform.Delivery.Domain.WorkOrders;

/// <summary>A move the work-order state machine refuses; the message is for the user, in Chinese, with the moves that are allowed now.</summary>
public sealed class WorkOrderStateException(string message, IReadOnlyList<string> allowedMoves) : InvalidOperationException(message)
{
    public IReadOnlyList<string> AllowedMoves { get; } = allowedMoves;
}
