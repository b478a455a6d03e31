using System.Security.Cryptography;
using System.Text.Json;
using ReliefPlatform.Security.Authorization;
using StackExchange.Redis;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>
/// <c>Idempotency-Key</c> on API POSTs, kept in Redis for 24 hours per user: a retried POST with the same
/// key gets the first answer again (marked <c>Idempotent-Replayed: true</c>) instead of a second effect;
/// while the first is still running a retry gets 409; the same key with a different body gets 422.
/// Server errors are not kept, so a retry after one runs again.
/// </summary>
internal sealed partial class IdempotencyMiddleware(RequestDelegate next, IConnectionMultiplexer redis, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private const int MaxStoredBody = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var idempotencyKey = values.ToString();
        if (idempotencyKey.Length is 0 or > 100 || !idempotencyKey.All(c => c is > ' ' and < '\u007f'))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key 应为1到100个可见ASCII字符。").ExecuteAsync(context);
            return;
        }

        var user = context.User.FindFirst(ReliefClaims.Subject)?.Value ?? "anonymous";
        var key = (RedisKey)$"idempotency:{user}:{idempotencyKey}";
        var fingerprint = await FingerprintAsync(context.Request);
        var db = redis.GetDatabase();

        StoredResponse? stored;
        try
        {
            var claimed = await db.StringSetAsync(key, JsonSerializer.Serialize(StoredResponse.Pending(fingerprint)), Retention, When.NotExists);
            stored = claimed ? null : JsonSerializer.Deserialize<StoredResponse>((string)(await db.StringGetAsync(key))!);
        }
        catch (RedisException ex)
        {
            LogRedisUnavailable(logger, ex);
            await next(context);
            return;
        }

        if (stored is not null)
        {
            await ReplayAsync(context, stored, fingerprint);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await db.KeyDeleteAsync(key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
        if (context.Response.StatusCode >= 500 || buffer.Length > MaxStoredBody)
        {
            await db.KeyDeleteAsync(key);
            return;
        }

        var completed = new StoredResponse(
            fingerprint,
            Completed: true,
            context.Response.StatusCode,
            context.Response.ContentType,
            context.Response.Headers.Location.ToString(),
            Convert.ToBase64String(buffer.ToArray()));
        await db.StringSetAsync(key, JsonSerializer.Serialize(completed), Retention);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored, string fingerprint)
    {
        if (stored.Fingerprint != fingerprint)
        {
            await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "同一个 Idempotency-Key 不能用于内容不同的请求。").ExecuteAsync(context);
            return;
        }

        if (!stored.Completed)
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "相同的请求正在处理中，请稍后重试。").ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = stored.Status;
        context.Response.ContentType = stored.ContentType;
        if (!string.IsNullOrEmpty(stored.Location))
        {
            context.Response.Headers.Location = stored.Location;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(Convert.FromBase64String(stored.Body ?? ""), context.RequestAborted);
    }

    /// <summary>Path and a hash of the body, read with buffering so the proxy can still forward it.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Path.Value ?? ""));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency-Key not honoured: Redis is unreachable")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    private sealed record StoredResponse(string Fingerprint, bool Completed, int Status, string? ContentType, string? Location, string? Body)
    {
        public static StoredResponse Pending(string fingerprint) => new(fingerprint, false, 0, null, null, null);
    }
}
