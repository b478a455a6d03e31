using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StackExchange.Redis;

namespace ReliefPlatform.Portal.SignIn;

/// <summary>
/// The signed-in users' tokens, kept on the server (Redis) under a random session key: the browser holds only the
/// HttpOnly cookie naming that key. An access token near its end is refreshed with the refresh token; a session
/// whose tokens are gone (signed out, refresh refused, expired) is over.
/// </summary>
internal sealed partial class SessionTokens(
    IConnectionMultiplexer redis,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<SessionTokens> logger)
{
    /// <summary>As long as the identity service's refresh tokens live.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim[] _refreshLocks = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task SaveAsync(string session, TokenSet tokens) =>
        await redis.GetDatabase().StringSetAsync(Key(session), JsonSerializer.Serialize(tokens), Lifetime);

    public async Task<bool> ExistsAsync(string session) => await redis.GetDatabase().KeyExistsAsync(Key(session));

    public async Task RemoveAsync(string session) => await redis.GetDatabase().KeyDeleteAsync(Key(session));

    /// <summary>The signed-in user's access token (their cookie names the session); null when signed out or the session is over.</summary>
    public Task<string?> AccessTokenAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.FindFirst(PortalClaims.Session)?.Value is { } session ? AccessTokenAsync(session, cancellationToken) : Task.FromResult<string?>(null);

    /// <summary>The session's access token, refreshed first when it is about to expire; null when the session is over.</summary>
    public async Task<string?> AccessTokenAsync(string session, CancellationToken cancellationToken)
    {
        var tokens = await ReadAsync(session);
        if (tokens is null || tokens.ExpiresAt - RefreshAhead > time.GetUtcNow())
        {
            return tokens?.AccessToken;
        }

        var gate = _refreshLocks[(uint)session.GetHashCode(StringComparison.Ordinal) % (uint)_refreshLocks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another call of the same session may have refreshed while this one waited.
            tokens = await ReadAsync(session);
            if (tokens is null || tokens.ExpiresAt - RefreshAhead > time.GetUtcNow())
            {
                return tokens?.AccessToken;
            }

            var refreshed = tokens.RefreshToken is null ? null : await RefreshAsync(tokens.RefreshToken, cancellationToken);
            if (refreshed is null)
            {
                await RemoveAsync(session);
                return null;
            }

            // A refresh that names no new refresh token leaves the current one in force.
            refreshed = refreshed with { RefreshToken = refreshed.RefreshToken ?? tokens.RefreshToken };
            await SaveAsync(session, refreshed);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TokenSet?> ReadAsync(string session)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(session));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<TokenSet>(value.ToString());
    }

    private async Task<TokenSet?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var http = httpClients.CreateClient(PortalSignIn.IdentityClient);
        using var response = await http.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId!,
            ["refresh_token"] = refreshToken,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogRefreshRefused(logger, (int)response.StatusCode);
            return null;
        }

        var message = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(cancellationToken));
        return TokenSet.From(message, time.GetUtcNow());
    }

    private static string Key(string session) => $"portal:session:{session}";

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity service refused to refresh a portal session ({Status}); the user signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status);
}

internal sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    public static TokenSet From(OpenIdConnectMessage response, DateTimeOffset now) => new(
        response.AccessToken,
        response.RefreshToken,
        now.AddSeconds(int.TryParse(response.ExpiresIn, out var seconds) ? seconds : 300));
}
