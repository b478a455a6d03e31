namespace ReliefPlatform.Contracts;

/// <summary>
/// The household categories (救助对象类别) by the codes the registry's events carry (<c>HouseholdRegistered.Category</c>),
/// with the names people read.
/// </summary>
public static class HouseholdCategories
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["MinimumLivingGuarantee"] = "低保", ["DestituteSupport"] = "特困供养", ["MarginalLowIncome"] = "低保边缘",
        ["RigidExpenditureHardship"] = "刚性支出困难", ["PovertyRelapseMonitoring"] = "防返贫监测对象", ["OtherHardship"] = "其他困难",
    };

    /// <summary>The Chinese name of a category code; the code itself when unknown.</summary>
    public static string NameOf(string code) => Names.GetValueOrDefault(code, code);
}
