namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A department finished a referral: <see cref="Status"/> is <c>Completed</c> or <c>Declined</c>. Codes only, never the outcome in words.</summary>
public sealed record ReferralClosed(Guid ReferralId, Guid HouseholdId, string TownshipCode, string Department, string Status, DateTimeOffset OccurredAt)
    : ITownshipEvent;
