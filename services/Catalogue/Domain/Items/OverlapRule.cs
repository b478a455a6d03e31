namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>
/// An existing policy or insurance that already covers (part of) the item's need, and what happens when a
/// household receives it — so the county does not pay twice for the same need.
/// </summary>
public sealed record OverlapRule
{
    public string PolicyCode { get; init; } = "";

    public OverlapEffect Effect { get; init; }

    /// <summary>For <see cref="OverlapEffect.ReduceFrequency"/>: the frequency that applies instead (lower than the standard's).</summary>
    public ServiceFrequency? ReducedFrequency { get; init; }

    /// <summary>Why, in words staff read in the match explanation; required for <see cref="OverlapEffect.AllowWithNote"/>.</summary>
    public string? Note { get; init; }
}

public enum OverlapEffect
{
    /// <summary>不予安排</summary>
    Exclude,

    /// <summary>降低频次</summary>
    ReduceFrequency,

    /// <summary>可以安排，附说明</summary>
    AllowWithNote,
}
