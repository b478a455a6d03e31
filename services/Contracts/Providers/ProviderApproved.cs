namespace ReliefPlatform.Contracts.Providers;

/// <summary>A provider joined the service network (or was reinstated after a suspension) and may be given work.</summary>
public sealed record ProviderApproved(Guid ProviderId, string Kind, string? HomeTownship, DateTimeOffset OccurredAt) : IIntegrationEvent;
