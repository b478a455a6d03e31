namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>How badly a household is in difficulty (困境程度).</summary>
public enum DifficultyDegree
{
    /// <summary>一般</summary>
    General,

    /// <summary>较重</summary>
    Serious,

    /// <summary>严重</summary>
    Severe,
}

public static class DifficultyDegreeNames
{
    public static string ChineseName(this DifficultyDegree degree) => degree switch
    {
        DifficultyDegree.General => "一般",
        DifficultyDegree.Serious => "较重",
        DifficultyDegree.Severe => "严重",
        _ => throw new ArgumentOutOfRangeException(nameof(degree)),
    };
}
