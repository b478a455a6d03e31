using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using ReliefPlatform.Security.Revocation;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>
/// The gateway sees the same token on every request of a session. This scheme validates a token once
/// with OpenIddict (signature, issuer, audience, lifetime) and remembers the result until the token
/// expires, keyed by the token's hash; the services behind still validate every request themselves.
/// A refused token is not remembered, so a fixed clock or key rollover is picked up at once. A remembered token is
/// still checked against the revocation list on every request (answered locally, from Redis at most every two
/// seconds), so a signed-out session or a disabled account is refused here within seconds, not at expiry.
/// </summary>
internal sealed class CachedTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMemoryCache cache,
    RedisTokenRevocations revocations) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CachedBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = "token:" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(header)));
        if (cache.TryGetValue(key, out ClaimsPrincipal? known) && known is not null)
        {
            if (await revocations.IsRevokedAsync(known, Context.RequestAborted))
            {
                cache.Remove(key);
                return AuthenticateResult.Fail("The access token has been revoked.");
            }

            return AuthenticateResult.Success(new AuthenticationTicket(known, SchemeName));
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return result.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure ?? new InvalidOperationException("Invalid token."));
        }

        var expires = result.Principal.GetExpirationDate() ?? DateTimeOffset.UtcNow.AddMinutes(1);
        if (expires > DateTimeOffset.UtcNow)
        {
            cache.Set(key, result.Principal, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0
            ? "Bearer error=\"invalid_token\""
            : "Bearer";
        return Task.CompletedTask;
    }
}
