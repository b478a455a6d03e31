namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>A township (乡镇) of the county: its administrative code, its Chinese name and an ASCII slug for resource names.</summary>
public sealed record Township
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Slug { get; init; }

    /// <summary>Its villages and communities: a household lives in one of these, and nowhere else in the township.</summary>
    public IReadOnlyList<Village> Villages { get; init; } = [];

    public Village? FindVillage(string? code) =>
        code is null ? null : Villages.FirstOrDefault(v => string.Equals(v.Code, code, StringComparison.Ordinal));
}
