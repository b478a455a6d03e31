namespace ReliefPlatform.Security.ServiceCalls;

/// <summary>How a service signs in to call another (section <c>ServiceClient</c>); the AppHost hands out the secret.</summary>
public sealed class ServiceClientOptions
{
    public const string Section = "ServiceClient";

    public const string ClientId = "relief-services";

    public string? Secret { get; set; }
}
