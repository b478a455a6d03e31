namespace ReliefPlatform.Funding.Domain.Sources;

/// <summary>Channels money and service come from (资金来源类型). Reference data, seeded by migration and extensible as data.</summary>
public sealed class FundingSourceType
{
    private FundingSourceType()
    {
    }

    public string Code { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public int SortOrder { get; private set; }

    internal static FundingSourceType Seed(string code, string nameZh, string nameEn, int sortOrder) =>
        new() { Code = code, NameZh = nameZh, NameEn = nameEn, SortOrder = sortOrder };
}
