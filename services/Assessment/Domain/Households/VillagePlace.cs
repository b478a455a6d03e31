using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>Where a household may live: a village or community the county lists for its township (County:Townships).</summary>
public static class VillagePlace
{
    /// <summary>Null when <paramref name="villageCode"/> (12 digits, already checked) is a known village of <paramref name="township"/>; else why not, in Chinese.</summary>
    public static string? Problem(Township township, string villageCode) =>
        !villageCode.StartsWith(township.Code, StringComparison.Ordinal) ? $"村（社区）代码不属于{township.Name}。"
        : township.FindVillage(villageCode) is null ? $"村（社区）代码“{villageCode}”不是{township.Name}的村（社区）。"
        : null;
}
