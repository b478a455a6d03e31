namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>
/// A version of the needs-assessment instrument (困境评估量表): dimensions of indicators whose answers carry
/// points, the weights that combine them, and the thresholds that turn scores into a difficulty degree and
/// types. It is data: the county publishes new versions, and every result keeps the version it was scored by.
/// </summary>
public sealed record Instrument
{
    public required int Version { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<Dimension> Dimensions { get; init; }

    /// <summary>Minimum overall score (0–100) of each degree; the highest one reached applies.</summary>
    public required IReadOnlyList<DegreeThreshold> Degrees { get; init; }

    /// <summary>Situations that raise the degree whatever the overall score (e.g. 失能照护 is at least 严重).</summary>
    public IReadOnlyList<Escalation> Escalations { get; init; } = [];

    public required IReadOnlyList<DifficultyTypeRule> DifficultyTypes { get; init; }

    /// <summary>Months until reassessment, by degree (e.g. 严重 3, 较重 6, 一般 12).</summary>
    public required IReadOnlyDictionary<DifficultyDegree, int> ReassessmentMonths { get; init; }

    public IEnumerable<Indicator> Indicators => Dimensions.SelectMany(d => d.Indicators);
}

public sealed record Dimension
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>Relative weight in the overall score; 0 for dimensions that only record (服务诉求).</summary>
    public required decimal Weight { get; init; }

    public required IReadOnlyList<Indicator> Indicators { get; init; }
}

public sealed record Indicator
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>The scale the indicator is drawn from (Barthel ADL, GB/T 42195-2022, Washington Group …), for the record.</summary>
    public string? Source { get; init; }

    /// <summary>More than one option may be chosen (points add up).</summary>
    public bool Multiple { get; init; }

    public required IReadOnlyList<AnswerOption> Options { get; init; }

    public decimal MaxPoints => Multiple ? Options.Where(o => o.Points > 0).Sum(o => o.Points) : Options.Max(o => o.Points);
}

public sealed record AnswerOption
{
    public required string Code { get; init; }

    public required string Label { get; init; }

    public required decimal Points { get; init; }

    /// <summary>Service needs this answer states (e.g. 助餐 → <c>meal-assistance</c>).</summary>
    public IReadOnlyList<string> NeedCodes { get; init; } = [];
}

public sealed record DegreeThreshold(DifficultyDegree Degree, decimal MinScore);

/// <summary>Raises the degree to at least <see cref="To"/> when a difficulty type applies or any weighted dimension scores at least a value.</summary>
public sealed record Escalation
{
    public string? DifficultyType { get; init; }

    public decimal? AnyDimensionAtLeast { get; init; }

    public required DifficultyDegree To { get; init; }
}

/// <summary>A difficulty type applies when the points over its indicators reach a share of their maximum.</summary>
public sealed record DifficultyTypeRule
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>The dimension whose indicators count, unless <see cref="Indicators"/> names them.</summary>
    public string? Dimension { get; init; }

    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>0–1: the share of the maximum points that makes the type apply.</summary>
    public required decimal MinShare { get; init; }

    /// <summary>Needs that follow from the type, whatever was stated.</summary>
    public IReadOnlyList<string> NeedCodes { get; init; } = [];
}
