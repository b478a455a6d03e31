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

    /// <summary>A service calling another with client credentials.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [CountyAdmin, CountyCaseworker, TownshipStaff, VillageVisitor, ProviderStaff, Finance, Supervisor, Ops];

    /// <summary>Roles that must sign in with a second factor when they have one enrolled.</summary>
    public static readonly IReadOnlyList<string> County = [CountyAdmin, CountyCaseworker, Finance, Supervisor];

    /// <summary>Roles bound to one township: they see and change only that township's data.</summary>
    public static readonly IReadOnlyList<string> TownshipBound = [TownshipStaff, VillageVisitor];
}
