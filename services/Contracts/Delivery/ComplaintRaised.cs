namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A resident's complaint was taken; the township follows it up by <see cref="DueBy"/>. Codes only, never what was said.</summary>
public sealed record ComplaintRaised(Guid ComplaintId, Guid HouseholdId, string TownshipCode, string Category, DateTimeOffset DueBy, DateTimeOffset OccurredAt) : ITownshipEvent;
