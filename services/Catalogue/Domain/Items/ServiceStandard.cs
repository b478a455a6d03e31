namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>The service standard (服务标准): how often, how long, what a session must include, and to what quality.</summary>
public sealed record ServiceStandard
{
    public ServiceFrequency Frequency { get; init; } = new();

    /// <summary>Minimum length of one session; 0 for items that are not timed (e.g. a one-off home adaptation).</summary>
    public int MinutesPerSession { get; init; }

    /// <summary>What every session must include; Delivery flags a record that misses any.</summary>
    public IReadOnlyList<string> RequiredContent { get; init; } = [];

    public IReadOnlyList<string> QualityRequirements { get; init; } = [];
}

/// <summary>How many sessions per period, e.g. 3 per week.</summary>
public sealed record ServiceFrequency
{
    public int Times { get; init; }

    public ServicePeriod Per { get; init; }

    /// <summary>Sessions per year, to compare frequencies of different periods; null for once-per-cycle items.</summary>
    public int? PerYear() => Per switch
    {
        ServicePeriod.Week => Times * 52,
        ServicePeriod.Month => Times * 12,
        ServicePeriod.Quarter => Times * 4,
        ServicePeriod.Year => Times,
        _ => null,
    };
}

public enum ServicePeriod
{
    Week,
    Month,
    Quarter,
    Year,

    /// <summary>Once per assessment cycle (e.g. a home adaptation).</summary>
    Cycle,
}

public enum DeliveryMode
{
    /// <summary>上门服务</summary>
    Home,

    /// <summary>到站（中心）服务</summary>
    Centre,

    /// <summary>远程服务（电话、视频）</summary>
    Remote,
}
