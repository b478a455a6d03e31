namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>What each kind of provider must or may carry.</summary>
public static class ProviderKinds
{
    public const string Department = "department";
    public const string MassOrganisation = "mass-organisation";
    public const string IndividualVolunteer = "individual-volunteer";
    public const string NeighbourHelper = "neighbour-helper";

    /// <summary>Registered organisations that must show a credit code.</summary>
    public static readonly IReadOnlySet<string> CreditCodeRequired = new HashSet<string>(["social-work-organisation", "elderly-care-organisation", "charity"]);

    /// <summary>Individuals: a person's name, no credit code, a home township.</summary>
    public static readonly IReadOnlySet<string> Individuals = new HashSet<string>([IndividualVolunteer, NeighbourHelper]);

    /// <summary>Which departments and mass organisations a provider of those kinds may belong to (民政, 卫健, 妇联 …).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Affiliations = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        [Department] = new Dictionary<string, string>
        {
            ["civil-affairs"] = "民政", ["finance"] = "财政", ["education"] = "教育", ["human-resources"] = "人社",
            ["health"] = "卫健", ["medical-insurance"] = "医保", ["justice"] = "司法",
        },
        [MassOrganisation] = new Dictionary<string, string>
        {
            ["trade-union"] = "工会", ["youth-league"] = "团委", ["womens-federation"] = "妇联", ["disabled-persons-federation"] = "残联",
        },
    };
}
