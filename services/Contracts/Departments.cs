namespace ReliefPlatform.Contracts;

/// <summary>
/// The county's departments and mass organisations, by the codes every service uses: what a household is referred to,
/// what a department-run provider belongs to, and what a department officer's account is bound to.
/// </summary>
public static class Departments
{
    /// <summary>Government departments (部门).</summary>
    public static readonly IReadOnlyDictionary<string, string> Government = new Dictionary<string, string>
    {
        ["civil-affairs"] = "民政", ["finance"] = "财政", ["education"] = "教育", ["human-resources"] = "人社", ["health"] = "卫健",
        ["medical-insurance"] = "医保", ["housing"] = "住建", ["justice"] = "司法",
    };

    /// <summary>Mass organisations (群团组织).</summary>
    public static readonly IReadOnlyDictionary<string, string> MassOrganisations = new Dictionary<string, string>
    {
        ["trade-union"] = "工会", ["youth-league"] = "团委", ["womens-federation"] = "妇联", ["disabled-persons-federation"] = "残联",
    };

    /// <summary>
    /// Where a household can be referred for help the catalogue does not give, and so the departments whose officers
    /// have accounts: every department and mass organisation but finance (which pays, and has accounts of its own).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Referable =
        Government.Concat(MassOrganisations).Where(d => d.Key != "finance").ToDictionary(d => d.Key, d => d.Value);

    /// <summary>"education（教育）、human-resources（人社）…" for a field error that tells what is allowed.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> departments) =>
        string.Join("、", departments.Select(d => $"{d.Key}（{d.Value}）"));
}
