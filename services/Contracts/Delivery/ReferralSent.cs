namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A household was referred to a department or mass organisation (<see cref="Department"/>, a code of
/// <see cref="Departments.Referable"/>), due by <see cref="DueBy"/>. <see cref="Kind"/> is a need code when the referral
/// has one (e.g. <c>education-support</c>). Codes only, never what the need is in words.
/// </summary>
public sealed record ReferralSent(Guid ReferralId, Guid HouseholdId, string TownshipCode, string Department, string? Kind, DateTimeOffset DueBy, DateTimeOffset OccurredAt)
    : ITownshipEvent;
