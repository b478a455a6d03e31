namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>Where a provider stands in onboarding (入库) and afterwards.</summary>
public enum ProviderStatus
{
    /// <summary>已申请</summary>
    Applied,

    /// <summary>已初审: checked by a reviewer, waiting for a second person's approval.</summary>
    Reviewed,

    /// <summary>已入库: may be assigned work.</summary>
    Approved,

    /// <summary>暂停: no new work until reinstated.</summary>
    Suspended,

    /// <summary>已退出: final.</summary>
    Terminated,

    /// <summary>未通过: final.</summary>
    Rejected,
}
