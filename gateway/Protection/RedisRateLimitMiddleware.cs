using System.Globalization;
using Microsoft.Extensions.Options;
using ReliefPlatform.Security.Authorization;
using StackExchange.Redis;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>
/// Fixed-window rate limits counted in Redis, so every gateway replica shares one count. Sign-in and
/// exports (small limits) count every request exactly; the API limit is taken from Redis in blocks of up
/// to 1/50 of the limit and spent locally (a window can overshoot by less than one block per replica).
/// Over the limit: 429 with Retry-After (the seconds to the window's end) and a problem+json body. If
/// Redis cannot be reached the request passes and a warning is logged: a cache outage must not lock the
/// county out.
/// </summary>
internal sealed partial class RedisRateLimitMiddleware(
    RequestDelegate next,
    IConnectionMultiplexer redis,
    IOptions<RateLimitOptions> options,
    ILogger<RedisRateLimitMiddleware> logger)
{
    // INCRBY and set the expiry on the window's first take, atomically; returns the count in this window.
    private static readonly LuaScript Take = LuaScript.Prepare(
        "local n = redis.call('INCRBY', @key, @by) if n == tonumber(@by) then redis.call('PEXPIRE', @key, @ttl) end return n");

    private readonly RateLimitLeases _leases = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var (policy, partition, limit) = await ClassifyAsync(context);
        if (policy is null)
        {
            await next(context);
            return;
        }

        var window = options.Value.Window;
        var now = DateTimeOffset.UtcNow;
        var windowStart = now.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var key = $"ratelimit:{policy}:{partition}:{windowStart}";
        var block = policy == "api" ? Math.Clamp(limit / 50, 1, 100) : 1;
        if (block > 1 && _leases.TryTake(key))
        {
            await next(context);
            return;
        }

        long count;
        try
        {
            count = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                Take, new { key = (RedisKey)key, by = block, ttl = (long)window.TotalMilliseconds });
        }
        catch (RedisException ex)
        {
            LogRedisUnavailable(logger, ex, policy);
            await next(context);
            return;
        }

        var before = count - block;
        if (before >= limit)
        {
            var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((windowStart + 1) * (long)window.TotalMilliseconds);
            var retryAfter = Math.Max(1, (int)Math.Ceiling((windowEnd - now).TotalSeconds));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "请求过于频繁，请稍后再试。",
                detail: $"请在{retryAfter}秒后重试。").ExecuteAsync(context);
            return;
        }

        // This request spends one of the block; the rest (never past the limit) is spent locally.
        var granted = (int)Math.Min(block, limit - before);
        if (granted > 1)
        {
            _leases.Add(key, granted - 1);
        }

        await next(context);
    }

    private async Task<(string? Policy, string Partition, int Limit)> ClassifyAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/connect/token") || (path.StartsWithSegments("/account/login") && HttpMethods.IsPost(context.Request.Method)))
        {
            // Per address and user name, so one person's typos do not lock out a whole township office. Only password
            // attempts count: a code exchange or a refresh has no password to guess, and a portal's server makes them
            // for all its users from one address.
            var (grantType, userName) = await ReadSignInFormAsync(context.Request);
            return path.StartsWithSegments("/connect/token") && grantType is "authorization_code" or "refresh_token"
                ? (null, "", 0)
                : ("signin", $"{context.Connection.RemoteIpAddress}:{userName}", options.Value.SignInPerWindow);
        }

        var user = context.User.FindFirst(ReliefClaims.Subject)?.Value;
        if (user is null || !path.StartsWithSegments("/api"))
        {
            return (null, "", 0);
        }

        return path.Value!.EndsWith("/export", StringComparison.OrdinalIgnoreCase)
            ? ("export", user, options.Value.ExportPerWindow)
            : ("api", user, options.Value.ApiPerWindow);
    }

    /// <summary>Reads the form's grant type and user name and rewinds the body, which the proxy forwards afterwards.</summary>
    private static async Task<(string GrantType, string UserName)> ReadSignInFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return ("", "");
        }

        request.EnableBuffering();
        var form = await request.ReadFormAsync();
        request.Body.Position = 0;
        return (form["grant_type"].ToString(), form["username"].ToString().ToLowerInvariant());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit {Policy} not applied: Redis is unreachable")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string policy);
}
