using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.Eligibility;
using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.Provider.Apis;

/// <param name="PersonName">For individual volunteers and neighbour helpers: the person's name (stored encrypted, shown masked).</param>
public sealed record ProviderApplication(
    string? Kind, string? Name, string? PersonName, string? CreditCode, string? Affiliation, string? HomeTownship, ContactRequest? Contact);

public sealed record ContactRequest(string? Name, string? Phone);

public sealed record LifecycleRequest(string? Reason);

/// <summary>What may change in a provider's registration; a member left null stays as it is.</summary>
public sealed record ProviderDetailsRequest(string? Name, string? Affiliation, ContactRequest? Contact);

public sealed record StatusChangeResponse(ProviderStatus From, ProviderStatus To, string By, DateTimeOffset At, string? Reason);

public sealed record ProviderSummary(
    Guid Id, string Kind, string Name, string? CreditCode, string? Affiliation, string? HomeTownship, ProviderStatus Status, string StatusName,
    string ContactName, string ContactPhone, DateTimeOffset AppliedAt);

public sealed record ProviderResponse(
    ProviderSummary Provider,
    IReadOnlyList<CapabilityResponse> Capabilities,
    IReadOnlyList<QualificationResponse> Qualifications,
    IReadOnlyList<StatusChangeResponse> History);

public sealed record CapabilityRequest(string? ItemCode, IReadOnlyList<string>? Townships, int? Capacity, CapacityPeriod? Per);

public sealed record CapabilityResponse(string ItemCode, IReadOnlyList<string> Townships, int Capacity, CapacityPeriod Per, decimal WeeklyCapacity);

public sealed record QualificationRequest(string? Type, string? Number, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <param name="TrainingCertificateId">Set when the qualification is a certificate a staff member earned on a course (培养队伍).</param>
public sealed record QualificationResponse(
    Guid Id, string Type, string TypeName, string Number, DateOnly ValidFrom, DateOnly ValidUntil, string State, Guid? TrainingCertificateId = null);

public sealed record ExpiringQualification(Guid ProviderId, string ProviderName, QualificationResponse Qualification);

/// <param name="PairedWithHousehold">The provider is paired (对口结对) with the household asked about: it knows the family, and ranks first among the eligible.</param>
public sealed record EligibleProvider(
    Guid ProviderId, string Name, string Kind, bool Eligible, decimal WeeklyCapacity, int OpenOrders, decimal? SatisfactionMean, int RatedServices,
    IReadOnlyList<EligibilityReason> Reasons, bool PairedWithHousehold = false)
{
    /// <summary>
    /// Eligible first; among them a provider paired with the household, then the least loaded for its capacity,
    /// then the best rated, then by name (so the order is stable).
    /// </summary>
    public static IReadOnlyList<EligibleProvider> Rank(IEnumerable<EligibleProvider> providers) => [.. providers
        .OrderByDescending(a => a.Eligible)
        .ThenByDescending(a => a.PairedWithHousehold)
        .ThenBy(a => a.WeeklyCapacity == 0 ? decimal.MaxValue : a.OpenOrders / a.WeeklyCapacity)
        .ThenByDescending(a => a.SatisfactionMean ?? 0)
        .ThenBy(a => a.Name, StringComparer.Ordinal)];
}

public sealed record RatingResponse(string ItemCode, int Count, decimal Mean, decimal SatisfiedShare);

public sealed record RevealedContact(Guid ProviderId, string ContactName, string ContactPhone, string? PersonName);

public sealed record RevealRequest(string? Reason);
