namespace ReliefPlatform.Contracts.Forwarding;

/// <summary>A resident's confirmation of a service (服务确认) for Delivery's <c>POST /api/delivery/work-orders/{id}/confirm</c>.</summary>
public sealed record ForwardedConfirmation(int Satisfaction, string? Comment) : IForwardedRecord;
