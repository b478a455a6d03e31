namespace ReliefPlatform.Provider.Domain.Qualifications;

/// <summary>
/// The certificates the county recognises, and which catalogue items require which. Seeded as data: the
/// county adds types and requirements as its catalogue grows.
/// </summary>
public sealed class QualificationType
{
    private QualificationType()
    {
    }

    public string Code { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public static QualificationType Define(string code, string nameZh) => new() { Code = code, NameZh = nameZh };
}

/// <summary>An item that may only be delivered by a provider holding a valid qualification of a type.</summary>
public sealed class ItemRequirement
{
    private ItemRequirement()
    {
    }

    public string ItemCode { get; private set; } = "";

    public string QualificationType { get; private set; } = "";

    public static ItemRequirement Require(string itemCode, string qualificationType) => new() { ItemCode = itemCode, QualificationType = qualificationType };
}
