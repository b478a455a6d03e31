namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>
/// The departments and mass organisations a household can be referred to and a meeting can invite, by the codes the hub's
/// APIs use (the county's shared vocabulary, <c>Departments.Referable</c> in Contracts); their names are in the resources.
/// </summary>
internal static class Departments
{
    public static readonly IReadOnlyList<string> Referable =
    [
        "civil-affairs", "education", "human-resources", "health", "medical-insurance", "housing", "justice",
        "trade-union", "youth-league", "womens-federation", "disabled-persons-federation",
    ];
}
