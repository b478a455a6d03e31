namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>The kinds of people doing the work (服务队伍), as the register names them.</summary>
public static class WorkforceRoles
{
    public const string ProviderStaff = "provider-staff";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["caseworker"] = "救助经办人员",
        ["village-visitor"] = "村级探访员",
        ["social-worker"] = "社会工作者",
        ["volunteer"] = "志愿者",
        [ProviderStaff] = "服务主体工作人员",
    };
}
