namespace ReliefPlatform.Identity.Extensions;

public sealed class ReliefIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Password of the seeded demo users (Development only; the AppHost generates and prints it).</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Secret of the confidential client the services use for client credentials.</summary>
    public string? ServiceClientSecret { get; set; }

    /// <summary>
    /// County roles must have an authenticator enrolled before they get tokens. On by default;
    /// appsettings.Development.json turns it off so demo users work at once (an enrolled authenticator
    /// is still required of whoever has one).
    /// </summary>
    public bool RequireTotpForCountyRoles { get; set; } = true;

    /// <summary>
    /// The token signing key: an RSA private key, PKCS#8 DER in base64. Durable, so tokens and the services'
    /// cached key set survive an identity restart; from the secret store in production, generated and kept by the
    /// AppHost in development. Without it only Development starts (with a throw-away key).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The key authorization codes and refresh tokens are encrypted with: 32 random bytes in base64.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>
    /// Where the county portal may receive authorization codes (<c>Identity:PortalRedirectUris:0</c>, …): absolute, or a
    /// path on the public origin. None configured: <c>/signin-oidc</c> on the public origin.
    /// </summary>
    public List<string> PortalRedirectUris { get; set; } = [];

    /// <summary>Where the portal may send a browser back to after signing out; none configured: <c>/signout-callback-oidc</c>.</summary>
    public List<string> PortalPostLogoutRedirectUris { get; set; } = [];

    /// <summary>Secret of the township pages' confidential client (<c>relief-township</c>), shared by every centre.</summary>
    public string? TownshipClientSecret { get; set; }
}
