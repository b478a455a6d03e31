namespace ReliefPlatform.Gateway.Protection;

public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    /// <summary>Sign-in attempts per client address and user name per window.</summary>
    public int SignInPerWindow { get; set; } = 10;

    /// <summary>API requests per signed-in user per window.</summary>
    public int ApiPerWindow { get; set; } = 1200;

    /// <summary>Exports (paths ending in /export) per signed-in user per window.</summary>
    public int ExportPerWindow { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
