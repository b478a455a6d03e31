namespace ReliefPlatform.Catalogue.Domain.Vocabulary;

/// <summary>The kinds of code a catalogue item's rules refer to.</summary>
public static class VocabularyKinds
{
    /// <summary>Household categories of the registry (低保, 特困供养 …), as Assessment writes them.</summary>
    public const string Category = "category";

    /// <summary>Difficulty degrees of the assessment (一般, 较重, 严重), lowest first.</summary>
    public const string Degree = "degree";

    public const string DifficultyType = "difficulty-type";

    /// <summary>Service need codes of the assessment instrument.</summary>
    public const string Need = "need";

    public const string DisabilityType = "disability-type";

    /// <summary>Existing policies and social insurance an item may overlap with.</summary>
    public const string Policy = "policy";

    /// <summary>A member's sex as the registry reads it from the ID number (an item's scope may name one: 妇联's items for women).</summary>
    public const string Sex = "sex";

    /// <summary>A member's employment status as the registry records it (工会's items for workers in difficulty).</summary>
    public const string EmploymentStatus = "employment-status";

    public const string ProviderKind = "provider-kind";

    public const string FundingSource = "funding-source";

    public static readonly IReadOnlyList<string> All = [Category, Degree, DifficultyType, Need, DisabilityType, Policy, ProviderKind, FundingSource, Sex, EmploymentStatus];
}
