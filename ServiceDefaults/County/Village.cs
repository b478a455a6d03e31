namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>
/// A village (村) or community (社区) of a township: its 12-digit statistical division code, which starts with the
/// township's code, and its Chinese name as people at a front desk know it.
/// </summary>
public sealed record Village
{
    public required string Code { get; init; }

    public required string Name { get; init; }
}
