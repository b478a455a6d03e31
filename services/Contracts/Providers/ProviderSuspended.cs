namespace ReliefPlatform.Contracts.Providers;

/// <summary>A provider may be given no new work until reinstated (or, when <see cref="Terminated"/>, ever again).</summary>
public sealed record ProviderSuspended(Guid ProviderId, bool Terminated, DateTimeOffset OccurredAt) : IIntegrationEvent;
