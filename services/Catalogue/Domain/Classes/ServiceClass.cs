namespace ReliefPlatform.Catalogue.Domain.Classes;

/// <summary>The catalogue's service classes (服务类别). Reference data, seeded by migration and extensible as data.</summary>
public sealed class ServiceClass
{
    private ServiceClass()
    {
    }

    public string Code { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public int SortOrder { get; private set; }

    public static ServiceClass Define(string code, string nameZh, string nameEn, int sortOrder) =>
        new() { Code = code, NameZh = nameZh, NameEn = nameEn, SortOrder = sortOrder };
}
