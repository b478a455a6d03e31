using OpenIddict.Abstractions;
using ReliefPlatform.Security.Revocation;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// A signed-in session is an OpenIddict authorization: the code, and every access and refresh token issued from it
/// (refreshes included). Ending it revokes all of them — on the county's revocation list first, so the gateway and
/// every service refuse the access tokens within seconds (and if Redis cannot take it, nothing is half-done and the
/// caller is told), then in Identity's store, so no refresh token redeems again.
/// </summary>
internal sealed class SignedInSessions(
    IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, ITokenRevocations revocations)
{
    public async Task EndAsync(string authorizationId, CancellationToken cancellationToken)
    {
        var entries = new List<(object Entry, string Id, DateTimeOffset? ExpiresAt)>();
        await foreach (var token in tokens.FindByAuthorizationIdAsync(authorizationId, cancellationToken))
        {
            entries.Add((token, (await tokens.GetIdAsync(token, cancellationToken))!, await tokens.GetExpirationDateAsync(token, cancellationToken)));
        }

        // The session's id covers every access token issued under it; the tokens' own ids are listed as well.
        await revocations.RevokeTokenAsync(authorizationId, DateTimeOffset.UtcNow.Add(RedisTokenRevocations.LongestToken), cancellationToken);
        foreach (var (_, id, expiresAt) in entries.Where(e => e.ExpiresAt is not null))
        {
            await revocations.RevokeTokenAsync(id, expiresAt!.Value, cancellationToken);
        }

        foreach (var (entry, _, _) in entries)
        {
            await tokens.TryRevokeAsync(entry, cancellationToken);
        }

        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }
    }
}
