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
        [Department] = ReliefPlatform.Contracts.Departments.Government,
        [MassOrganisation] = ReliefPlatform.Contracts.Departments.MassOrganisations,
    };
}
