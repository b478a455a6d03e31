namespace ReliefPlatform.Provider.Domain.Incubations;

public enum IncubationStatus
{
    /// <summary>申请入驻: applied, not yet admitted.</summary>
    Applied,

    /// <summary>孵化中: admitted for an incubation period, receiving support, working toward milestones.</summary>
    Incubating,

    /// <summary>出壳: graduated into the provider registry (as an application that goes through the normal approval).</summary>
    Graduated,

    /// <summary>终止: refused, withdrawn, or failed its end assessment.</summary>
    Closed,
}
