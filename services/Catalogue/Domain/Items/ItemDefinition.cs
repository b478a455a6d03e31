namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>
/// One service of the catalogue (服务事项) as the county defines it: for whom (target scope), to what standard,
/// how and by whom it is delivered, what it costs and who pays, where it is offered, and how it meets the
/// policies a household may already receive. A value: a version's item is replaced, never edited in place.
/// </summary>
public sealed record ItemDefinition
{
    public string Code { get; init; } = "";

    public string NameZh { get; init; } = "";

    public string NameEn { get; init; } = "";

    public string ClassCode { get; init; } = "";

    /// <summary>What the service is (服务内容).</summary>
    public string Content { get; init; } = "";

    public TargetScope Scope { get; init; } = new();

    public ServiceStandard Standard { get; init; } = new();

    public IReadOnlyList<DeliveryMode> DeliveryModes { get; init; } = [];

    /// <summary>Provider kinds allowed to deliver it (codes of the Provider service's kinds).</summary>
    public IReadOnlyList<string> ProviderKinds { get; init; } = [];

    public ItemPricing Pricing { get; init; } = new();

    public IReadOnlyList<string> FundingSources { get; init; } = [];

    /// <summary>Township codes where it is offered; empty means the whole county.</summary>
    public IReadOnlyList<string> Townships { get; init; } = [];

    /// <summary>Existing policies that already cover the same need, and what that means for this item.</summary>
    public IReadOnlyList<OverlapRule> Overlaps { get; init; } = [];
}
