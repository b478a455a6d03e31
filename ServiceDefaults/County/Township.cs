namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>A township (乡镇) of the county: its administrative code, its Chinese name and an ASCII slug for resource names.</summary>
public sealed record Township
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Slug { get; init; }
}
