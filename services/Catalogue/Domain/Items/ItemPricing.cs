namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>The unit an item is counted in and what one unit costs; free and volunteer items cost nothing.</summary>
public sealed record ItemPricing
{
    public PricingKind Kind { get; init; }

    /// <summary>The unit of service (次, 小时, 餐, 户 …).</summary>
    public string Unit { get; init; } = "";

    /// <summary>Yuan per unit, fen precision; only for priced items.</summary>
    public decimal? UnitPrice { get; init; }
}

public enum PricingKind
{
    /// <summary>政府购买，按单价结算</summary>
    Priced,

    /// <summary>免费（部门职责内）</summary>
    Free,

    /// <summary>志愿服务（计志愿时长）</summary>
    Volunteer,
}
