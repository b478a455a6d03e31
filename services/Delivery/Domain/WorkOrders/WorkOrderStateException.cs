namespace ReliefPlatform.Delivery.Domain.WorkOrders;

/// <summary>A move the work-order state machine refuses; the message is for the user, in Chinese.</summary>
public sealed class WorkOrderStateException(string message) : InvalidOperationException(message);
