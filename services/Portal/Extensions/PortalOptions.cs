using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Portal.Extensions;

/// <summary>Where the portal signs its users in and where it calls the hub; set by the AppHost.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The identity service's issuer. Today <c>http://identity/</c>; the gateway's public origin once Identity issues as that.</summary>
    public string Authority { get; set; } = SignInOrigin.IdentityAddress.ToString();

    /// <summary>The OpenID configuration document, when it is not at the authority's <c>.well-known</c> path.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// The origin browsers are sent to for <c>/connect/authorize</c>. Empty: the origin the page itself was served from —
    /// the gateway, which routes <c>/connect/…</c> to the identity service.
    /// </summary>
    public string? BrowserOrigin { get; set; }

    public string ClientId { get; set; } = "relief-portal";

    /// <summary>The gateway every API call goes through, with the user's own access token.</summary>
    public string HubAddress { get; set; } = "http://gateway";
}
