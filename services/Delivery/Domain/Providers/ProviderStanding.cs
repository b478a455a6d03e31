namespace ReliefPlatform.Delivery.Domain.Providers;

/// <summary>Where a provider stands in the service network, as far as work goes: only <see cref="Approved"/> is given new work.</summary>
public enum ProviderStandingStatus
{
    Approved,
    Suspended,
    Terminated,
}

/// <summary>
/// A provider's standing as Delivery learned it from Provider's ProviderApproved (joined, or reinstated) and ProviderSuspended
/// (suspended, or terminated) — the latest fact wins, whatever order the events arrive in: a fact older than the one applied
/// changes nothing; two facts of the same instant leave the graver one; and termination is final (Provider never approves a
/// terminated provider again). A provider Delivery has heard nothing of is in good standing.
/// </summary>
public sealed class ProviderStanding
{
    private ProviderStanding()
    {
    }

    public string ProviderId { get; private set; } = "";

    public ProviderStandingStatus Status { get; private set; }

    /// <summary>When the fact applied happened (Provider's clock); <see cref="DateTimeOffset.MinValue"/> until one is.</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    public bool InGoodStanding => Status == ProviderStandingStatus.Approved;

    public static ProviderStanding Learn(string providerId) =>
        new() { ProviderId = providerId, Status = ProviderStandingStatus.Approved, ChangedAt = DateTimeOffset.MinValue };

    /// <returns>True when the fact is now the latest (the standing is what it says); false when a later or graver one stands.</returns>
    public bool Apply(ProviderStandingStatus status, DateTimeOffset at)
    {
        var latest = Status != ProviderStandingStatus.Terminated
            && (status == ProviderStandingStatus.Terminated || at > ChangedAt || (at == ChangedAt && status > Status));
        if (latest)
        {
            Status = status;
            ChangedAt = at;
        }

        return latest;
    }
}
