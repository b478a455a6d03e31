namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>One step of a provider's lifecycle, kept for good: who moved it, when, from where to where, and why.</summary>
public sealed class StatusChange
{
    private StatusChange()
    {
    }

    public long Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public ProviderStatus From { get; private set; }

    public ProviderStatus To { get; private set; }

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string? Reason { get; private set; }

    internal static StatusChange Record(Guid providerId, ProviderStatus from, ProviderStatus to, string by, DateTimeOffset at, string? reason) =>
        new() { ProviderId = providerId, From = from, To = to, By = by, At = at, Reason = reason };
}
