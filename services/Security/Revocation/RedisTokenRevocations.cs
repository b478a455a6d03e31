using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using ReliefPlatform.Security.Authorization;
using StackExchange.Redis;

namespace ReliefPlatform.Security.Revocation;

/// <summary>
/// The county's revocation list in Redis, shared by Identity, the gateway and every service:
/// <c>revoked:sub:&lt;subject&gt;</c> holds the time (unix seconds) before which the subject's tokens no longer count,
/// <c>revoked:tkn:&lt;id&gt;</c> marks one token (or a whole session, by its authorization id); both expire when the longest token issued before them would.
/// <para>
/// Reads are answered from a local cache for at most <see cref="FreshFor"/> (one MGET to Redis per token and
/// subject every two seconds, not per request); a revocation once seen is kept locally until the token expires.
/// A revocation made in this process is refused here at once. Redis unreachable: writes throw (the caller must
/// not believe a sign-out or disable took effect when it did not); reads let the token through — signature,
/// issuer, audience and lifetime still hold, and the token dies at its expiry — and say so in the log, so an
/// outage of the cache does not sign the whole county out (the township centres must keep working).
/// </para>
/// </summary>
public sealed partial class RedisTokenRevocations(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisTokenRevocations> logger)
    : ITokenRevocations, IDisposable
{
    /// <summary>How long a "not revoked" answer is believed without asking Redis again.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    /// <summary>The longest any token lives (refresh tokens, 8 hours): how long a subject's revocation is kept.</summary>
    public static readonly TimeSpan LongestToken = TimeSpan.FromHours(8);

    private static readonly TimeSpan RedisTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BackOff = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private long _redisDownUntil;

    public async Task RevokeSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var revokedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await redis.GetDatabase().StringSetAsync(SubjectKey(subject), revokedAt.ToString(CultureInfo.InvariantCulture), LongestToken)
            .WaitAsync(cancellationToken);
        Remember(SubjectKey(subject), revokedAt, FreshFor);
        LogSubjectRevoked(logger);
    }

    public async Task RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var lifetime = expiresAt - time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        // A second more than the token's own lifetime, so clock differences between processes cannot revive it.
        await redis.GetDatabase().StringSetAsync(TokenKey(tokenId), "1", lifetime + TimeSpan.FromSeconds(1)).WaitAsync(cancellationToken);
        Remember(TokenKey(tokenId), 1, lifetime);
    }

    /// <summary>
    /// Has the token behind <paramref name="principal"/> (a validated access token) been revoked — by its id, or its
    /// subject's revocation since it was issued (to the millisecond, see <see cref="IssuedAtMilliseconds"/>)?
    /// </summary>
    public async ValueTask<bool> IsRevokedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var subject = principal.FindFirstValue(ReliefClaims.Subject);
        var issuedAt = IssuedAtMilliseconds(principal);
        var expiresAt = principal.GetExpirationDate() ?? time.GetUtcNow().Add(LongestToken);
        // The token's own ids, and its session's (the OpenIddict authorization it was issued under): a session signed
        // out is revoked under its id, which covers every access token of it, refreshed ones included.
        string?[] tokenIds = [principal.GetTokenId(), principal.FindFirstValue(OpenIddictConstants.Claims.JwtId), principal.GetAuthorizationId()];

        var keys = new List<string>(3);
        if (!string.IsNullOrEmpty(subject))
        {
            keys.Add(SubjectKey(subject));
        }

        keys.AddRange(tokenIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Select(id => TokenKey(id!)));

        var unknown = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            if (!_known.TryGetValue(key, out long value))
            {
                unknown.Add(key);
            }
            else if (Revokes(key, value, issuedAt))
            {
                return true;
            }
        }

        if (unknown.Count == 0 || !await LookUpAsync(unknown, expiresAt, cancellationToken))
        {
            return false;
        }

        return unknown.Any(key => _known.TryGetValue(key, out long value) && Revokes(key, value, issuedAt));
    }

    public void Dispose() => _known.Dispose();

    /// <summary>Fetches <paramref name="keys"/> from Redis into the local cache; false when Redis could not answer.</summary>
    private async Task<bool> LookUpAsync(List<string> keys, DateTimeOffset tokenExpiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _redisDownUntil) || !redis.IsConnected)
        {
            NoteRedisDown(now);
            return false;
        }

        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase().StringGetAsync([.. keys.Select(k => (RedisKey)k)]).WaitAsync(RedisTimeout, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            NoteRedisDown(now);
            return false;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var value = values[i].HasValue && long.TryParse(values[i].ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            // A revoked token stays revoked: remembered until the token itself would have expired.
            var revokedToken = value > 0 && keys[i].StartsWith(TokenPrefix, StringComparison.Ordinal);
            Remember(keys[i], value, revokedToken ? Max(tokenExpiresAt - now, FreshFor) : FreshFor);
        }

        return true;
    }

    private void NoteRedisDown(DateTimeOffset now)
    {
        var until = now.Add(BackOff).UtcTicks;
        var before = Interlocked.Exchange(ref _redisDownUntil, until);
        if (before < now.UtcTicks)
        {
            LogRedisUnreachable(logger, BackOff.TotalSeconds);
        }
    }

    private void Remember(string key, long value, TimeSpan lifetime) =>
        _known.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });

    /// <summary>
    /// When the token was issued, to the millisecond: Identity's own claim when the token carries it (so a token issued
    /// just after a revocation — a re-enabled account signing in again — works), else the standard iat, which has whole
    /// seconds only and so counts as issued at the end of its second.
    /// </summary>
    private static long IssuedAtMilliseconds(ClaimsPrincipal principal)
    {
        if (long.TryParse(principal.FindFirstValue(ReliefClaims.IssuedAtMilliseconds), CultureInfo.InvariantCulture, out var precise))
        {
            return precise;
        }

        var seconds = principal.GetCreationDate()?.ToUnixTimeSeconds()
            ?? (long.TryParse(principal.FindFirstValue(OpenIddictConstants.Claims.IssuedAt), CultureInfo.InvariantCulture, out var iat) ? iat : 0);
        return (seconds * 1000) + 999;
    }

    private static bool Revokes(string key, long value, long issuedAt) =>
        value > 0 && (key.StartsWith(TokenPrefix, StringComparison.Ordinal) || issuedAt <= value);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private const string TokenPrefix = "revoked:tkn:";

    private static string SubjectKey(string subject) => "revoked:sub:" + subject;

    private static string TokenKey(string tokenId) => TokenPrefix + tokenId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Every token of a subject issued until now was revoked")]
    private static partial void LogSubjectRevoked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis did not answer the revocation check; tokens are accepted on signature and lifetime alone for the next {Seconds} s")]
    private static partial void LogRedisUnreachable(ILogger logger, double seconds);
}
