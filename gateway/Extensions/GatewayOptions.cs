namespace ReliefPlatform.Gateway.Extensions;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Codes of the township centres running behind this gateway (set by the AppHost).</summary>
    public List<string> Townships { get; set; } = [];

    /// <summary>Largest request body the gateway forwards, in bytes (imports may raise it per route later).</summary>
    public long MaxRequestBodySize { get; set; } = 1 * 1024 * 1024;
}
