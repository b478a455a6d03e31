namespace ReliefPlatform.Security.Walls;

/// <summary>
/// Data that belongs to one township: township-bound staff see only their own township's. Every entity that carries
/// a township code is either this or deliberately exempt — a test in each service's model keeps it so.
/// </summary>
public interface ITownshipOwned
{
    string TownshipCode { get; }
}
