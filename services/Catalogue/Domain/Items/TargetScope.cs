namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>
/// Who an item is for (服务对象). Every condition that is set must hold; a list is met by any one of its codes;
/// an empty list or unset value does not restrict. Member conditions (age, disability, living alone) must all
/// hold for one and the same member.
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

    public bool HasMemberConditions =>
        MinAge is not null || MaxAge is not null || DisabilityRequired || DisabilityTypes.Count > 0 || MaxDisabilityGrade is not null || LivingAloneRequired;
}
