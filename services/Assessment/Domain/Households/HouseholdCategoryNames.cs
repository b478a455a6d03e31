using System.Collections.Frozen;

namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>Chinese names of the categories, as staff and the monitoring platform write them.</summary>
public static class HouseholdCategoryNames
{
    private static readonly FrozenDictionary<HouseholdCategory, string> Names = new Dictionary<HouseholdCategory, string>
    {
        [HouseholdCategory.MinimumLivingGuarantee] = "低保",
        [HouseholdCategory.DestituteSupport] = "特困供养",
        [HouseholdCategory.MarginalLowIncome] = "低保边缘",
        [HouseholdCategory.RigidExpenditureHardship] = "刚性支出困难",
        [HouseholdCategory.PovertyRelapseMonitoring] = "防返贫监测对象",
        [HouseholdCategory.OtherHardship] = "其他困难",
    }.ToFrozenDictionary();

    public static string ChineseName(this HouseholdCategory category) => Names[category];

    /// <summary>Accepts the English code (<c>MinimumLivingGuarantee</c>) or the Chinese name (<c>低保</c>).</summary>
    public static bool TryParse(string? value, out HouseholdCategory category) => ChineseNames.TryParse(Names, value, out category);
}
