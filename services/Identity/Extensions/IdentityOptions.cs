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

    /// <summary>Where the county portal may receive authorization codes.</summary>
    public List<string> PortalRedirectUris { get; set; } = ["http://localhost:5100/signin-callback"];
}
