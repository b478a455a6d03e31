namespace ReliefPlatform.Provider.Domain.Kinds;

/// <summary>Kinds of provider in the service network (服务主体类型). Reference data, seeded by migration and extensible as data.</summary>
public sealed class ProviderKind
{
    private ProviderKind()
    {
    }

    public string Code { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public int SortOrder { get; private set; }

    internal static ProviderKind Seed(string code, string nameZh, string nameEn, int sortOrder) =>
        new() { Code = code, NameZh = nameZh, NameEn = nameEn, SortOrder = sortOrder };
}
