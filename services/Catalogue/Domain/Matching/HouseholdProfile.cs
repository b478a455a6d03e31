namespace ReliefPlatform.Catalogue.Domain.Matching;

/// <summary>
/// A household's needs profile as matching reads it: codes and ages only (a member's sex and employment status as codes),
/// never who the people are.
/// Delivery builds it from NeedsAssessed and the registry's facts.
/// </summary>
public sealed record HouseholdProfile
{
    public string? TownshipCode { get; init; }

    public string? Category { get; init; }

    public string? Degree { get; init; }

    public IReadOnlyList<string> DifficultyTypes { get; init; } = [];

    public IReadOnlyList<string> NeedCodes { get; init; } = [];

    public IReadOnlyList<MemberProfile> Members { get; init; } = [];

    /// <summary>Codes of the existing policies and insurance the household already receives.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];
}

public sealed record MemberProfile
{
    public int Age { get; init; }

    public string? DisabilityType { get; init; }

    public int? DisabilityGrade { get; init; }

    public bool LivingAlone { get; init; }

    /// <summary><c>Female</c> or <c>Male</c>, from the ID number; null when not known.</summary>
    public string? Sex { get; init; }

    /// <summary>The registry's employment status code (Employed, Unemployed …); null when not recorded.</summary>
    public string? EmploymentStatus { get; init; }
}
