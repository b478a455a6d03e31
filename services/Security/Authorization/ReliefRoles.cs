namespace ReliefPlatform.Security.Authorization;

/// <summary>The roles of the county's users, as they appear in access tokens.</summary>
public static class ReliefRoles
{
    public const string CountyAdmin = "county-admin";
    public const string CountyCaseworker = "county-caseworker";
    public const string TownshipStaff = "township-staff";
    public const string VillageVisitor = "village-visitor";
    public const string ProviderStaff = "provider-staff";
    public const string Finance = "finance";
    public const string Supervisor = "supervisor";
    public const string Ops = "ops";

    /// <summary>An officer of a department or mass organisation (教育, 人社, 残联 …), bound to it by the department_code claim.</summary>
    public const string DepartmentOfficer = "department-officer";

    /// <summary>A service calling another with client credentials.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [CountyAdmin, CountyCaseworker, TownshipStaff, VillageVisitor, ProviderStaff, Finance, Supervisor, Ops, DepartmentOfficer];

    /// <summary>The roles in words, as the county's staff call them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [CountyAdmin] = "县级管理员", [CountyCaseworker] = "县级经办人员", [TownshipStaff] = "乡镇工作人员", [VillageVisitor] = "村级走访员",
        [ProviderStaff] = "服务主体工作人员", [Finance] = "财务人员", [Supervisor] = "监督人员", [Ops] = "运维人员", [DepartmentOfficer] = "部门工作人员",
    };

    /// <summary>Roles that must sign in with a second factor when they have one enrolled.</summary>
    public static readonly IReadOnlyList<string> County = [CountyAdmin, CountyCaseworker, Finance, Supervisor];

    /// <summary>Roles bound to one township: they see and change only that township's data.</summary>
    public static readonly IReadOnlyList<string> TownshipBound = [TownshipStaff, VillageVisitor];
}
