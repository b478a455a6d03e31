namespace ReliefPlatform.Contracts.Delivery;

/// <summary>A department has not finished a referral by its deadline: escalated to the hub and the township's worklist, once.</summary>
public sealed record ReferralDeadlineMissed(Guid ReferralId, Guid HouseholdId, string TownshipCode, string Department, DateTimeOffset DueBy, DateTimeOffset OccurredAt)
    : ITownshipEvent;
