namespace ReliefPlatform.Security.Walls;

/// <summary>A service's DbContext, opened for one caller: the township that caller is walled into.</summary>
public interface ITownshipWalled
{
    /// <summary>The township a township-bound caller is walled into; null for county-wide callers and background work.</summary>
    string? TownshipWall { get; }
}
