namespace ReliefPlatform.Portal.SignIn;

internal static class PortalClaims
{
    /// <summary>The key of the signed-in session's tokens in the server-side store; the cookie carries nothing else of them.</summary>
    public const string Session = "portal_session";
}
