namespace ReliefPlatform.Identity.Domain.Providers;

public enum ProviderStatus
{
    Approved,
    Suspended,
    Terminated,
}

/// <summary>
/// What Identity knows of a registered provider: whether its staff may have accounts and tokens. Kept from the
/// Provider service's events, the latest by when it happened — an older event arriving late changes nothing.
/// </summary>
public sealed class ProviderStanding
{
    public Guid ProviderId { get; private set; }

    public ProviderStatus Status { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public static ProviderStanding Of(Guid providerId, ProviderStatus status, DateTimeOffset asOf) =>
        new() { ProviderId = providerId, Status = status, AsOf = asOf };

    /// <summary>Takes the news if it is newer than what is known; true when the standing changed.</summary>
    public bool Learn(ProviderStatus status, DateTimeOffset asOf)
    {
        if (asOf < AsOf || (asOf == AsOf && Status == ProviderStatus.Terminated))
        {
            return false;
        }

        var changed = status != Status;
        Status = status;
        AsOf = asOf;
        return changed;
    }

    public bool MayWork => Status == ProviderStatus.Approved;
}
