namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>
/// Who an item is for (服务对象). Every condition that is set must hold; a list is met by any one of its codes;
/// an empty list or unset value does not restrict. Member conditions (age, disability, living alone, sex, employment
/// status) must all hold for one and the same member — so 妇联's items can be for women and 工会's for workers in difficulty.
/// </summary>
public sealed record TargetScope
{
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The lowest difficulty degree that qualifies (General, Serious, Severe).</summary>
    public string? MinDegree { get; init; }

    public IReadOnlyList<string> DifficultyTypes { get; init; } = [];

    public IReadOnlyList<string> NeedCodes { get; init; } = [];

    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }

    public bool DisabilityRequired { get; init; }

    public IReadOnlyList<string> DisabilityTypes { get; init; } = [];

    /// <summary>Disability grades run 1 (most severe) to 4; a member qualifies at this grade or more severe.</summary>
    public int? MaxDisabilityGrade { get; init; }

    public bool LivingAloneRequired { get; init; }

    /// <summary>The member's sex (<c>Female</c>, <c>Male</c>; the <c>sex</c> vocabulary), as the registry reads it from the ID number.</summary>
    public string? Sex { get; init; }

    /// <summary>The member's employment status, any of these (the <c>employment-status</c> vocabulary: Employed, Unemployed …).</summary>
    public IReadOnlyList<string> EmploymentStatuses { get; init; } = [];

    public bool HasMemberConditions =>
        MinAge is not null || MaxAge is not null || DisabilityRequired || DisabilityTypes.Count > 0 || MaxDisabilityGrade is not null || LivingAloneRequired
        || Sex is not null || EmploymentStatuses.Count > 0;
}
