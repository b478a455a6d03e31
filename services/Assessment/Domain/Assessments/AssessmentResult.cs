namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>What an assessment concluded and why, kept with the assessment so a later instrument never changes it.</summary>
public sealed record AssessmentResult(
    int InstrumentVersion,
    decimal Score,
    DifficultyDegree Degree,
    IReadOnlyList<string> DifficultyTypes,
    IReadOnlyList<string> NeedCodes,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<string> Reasons);

/// <summary>A dimension's score (0–100) and what it contributed to the overall score.</summary>
public sealed record DimensionScore(string Code, string Name, decimal Points, decimal MaxPoints, decimal Score, decimal Weight, decimal Contribution);

public sealed record IndicatorScore(string Dimension, string Code, string Name, IReadOnlyList<string> Answers, IReadOnlyList<string> Labels, decimal Points, decimal MaxPoints);
