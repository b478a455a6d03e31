namespace ReliefPlatform.Contracts.Forwarding;

/// <summary>A complaint taken at the front desk (投诉) for Delivery's <c>POST /api/delivery/complaints</c>.</summary>
public sealed record ForwardedComplaint(Guid HouseholdId, Guid? WorkOrderId, string Category, string Description) : IForwardedRecord;
