namespace ReliefPlatform.Security.Revocation;

/// <summary>
/// Access and refresh tokens that must stop working before they expire. What is revoked here is refused within
/// seconds by the gateway and every service, without a database call per request (kept in Redis for as long as the
/// longest token lives).
/// </summary>
public interface ITokenRevocations
{
    /// <summary>
    /// Every token issued to <paramref name="subject"/> until now stops working: an account disabled, a password
    /// changed, an authenticator reset, a role or binding changed, a provider suspended. Tokens issued afterwards work
    /// again (Identity decides whether to issue them).
    /// </summary>
    Task RevokeSubjectAsync(string subject, CancellationToken cancellationToken);

    /// <summary>One token stops working (a session signed out): its id (<c>jti</c>/<c>oi_tkn_id</c>) until it expires.</summary>
    Task RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
