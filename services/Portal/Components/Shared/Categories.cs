namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>The vocabularies the registry API accepts in Chinese (data, as the API names them).</summary>
internal static class Categories
{
    public static readonly IReadOnlyList<string> All = ["低保", "特困供养", "低保边缘", "刚性支出困难", "防返贫监测对象", "其他困难"];

    public static readonly IReadOnlyList<string> Relationships = ["户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他"];

    public static readonly IReadOnlyList<string> DisabilityTypes = ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"];

    /// <summary>Why a user asks for full names and ID numbers; codes, so the audit log holds no free text.</summary>
    public static readonly IReadOnlyList<string> RevealReasons = ["home-visit", "service-dispatch", "payment", "correction", "verification"];
}
