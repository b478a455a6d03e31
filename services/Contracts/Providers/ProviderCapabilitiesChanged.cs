namespace ReliefPlatform.Contracts.Providers;

/// <summary>What a provider can deliver, where and how much, as it now stands (the whole list, replacing the previous one).</summary>
public sealed record ProviderCapabilitiesChanged(Guid ProviderId, IReadOnlyList<ProviderCapabilityOffer> Capabilities, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One item: the townships served and the capacity per week (monthly capacities converted at 12/52).</summary>
public sealed record ProviderCapabilityOffer(string ItemCode, IReadOnlyList<string> Townships, decimal WeeklyCapacity);
