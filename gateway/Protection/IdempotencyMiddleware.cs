using System.Text.Json;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Idempotency;
using StackExchange.Redis;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>
/// <c>Idempotency-Key</c> on API POSTs, by the same rule as the services (<see cref="IdempotencyKeys"/>), kept in Redis
/// for 24 hours per caller with a fingerprint of the request (method, path, query, body bytes):
/// <list type="bullet">
/// <item>the same caller with the same request gets the first answer again (<c>Idempotent-Replayed: true</c>) instead of
/// a second effect; while the first is still running, 409 with <c>Retry-After</c>;</item>
/// <item>the same caller's key with another request: 422 "幂等键已用于其他请求", nothing forwarded;</item>
/// <item>only successful answers are kept: a refused or failed one leaves the key unused;</item>
/// <item>when the service keeps the key itself (its answer says <see cref="IdempotencyKeys.KeptByServiceHeader"/>),
/// the gateway keeps nothing and leaves every later use to the service, which runs its walls and validation before
/// it replays or refuses — the two layers never hold different answers for one key.</item>
/// </list>
/// The key space here is per caller (the draft standard's advice: look answers up by the client's key together with the
/// client's identity): a stored answer, which may name a household, can be served only to the caller whose request
/// produced it, and the gateway never answers one caller from another's entry. Where a key guards an effect, the
/// service holds it county-wide in the effect's transaction, so another caller's use of a used key is forwarded and
/// refused there (422, after the service's walls) — never replayed, never silently dropped.
/// </summary>
internal sealed partial class IdempotencyMiddleware(RequestDelegate next, IConnectionMultiplexer redis, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = IdempotencyKeys.Header;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // A claim outlives no request: a gateway replica that dies mid-request does not leave its caller's key busy for a day.
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);
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

        var caller = context.User.FindFirst(ReliefClaims.Subject)?.Value ?? "anonymous";
        var key = (RedisKey)$"idempotency:v2:{caller}:{idempotencyKey}";
        var request = await IdempotentRequest.ReadAsync(context.Request, context.RequestAborted);
        var db = redis.GetDatabase();

        StoredResponse? stored;
        try
        {
            var claimed = await db.StringSetAsync(key, JsonSerializer.Serialize(StoredResponse.Pending(request.Fingerprint)), ClaimLifetime, When.NotExists);
            // A claim that lapsed between the two calls reads as one still running: the retry finds the key free.
            stored = claimed ? null
                : await db.StringGetAsync(key) is { IsNullOrEmpty: false } value ? JsonSerializer.Deserialize<StoredResponse>((string)value!)
                : StoredResponse.Pending(request.Fingerprint);
        }
        catch (RedisException ex)
        {
            LogRedisUnavailable(logger, ex);
            await ForwardAsync(context);
            return;
        }

        if (stored is not null)
        {
            await AnswerFromStoreAsync(context, stored, request);
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

        var keptByService = context.Response.Headers.Remove(IdempotencyKeys.KeptByServiceHeader);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
        if (keptByService || !IdempotencyKeys.IsKept(context.Response.StatusCode) || buffer.Length > MaxStoredBody)
        {
            await db.KeyDeleteAsync(key);
            return;
        }

        var completed = new StoredResponse(
            request.Fingerprint,
            Completed: true,
            context.Response.StatusCode,
            context.Response.ContentType,
            context.Response.Headers.Location.ToString(),
            request.Seal(buffer.ToArray()));
        await db.StringSetAsync(key, JsonSerializer.Serialize(completed), Retention);
    }

    /// <summary>Forwards without keeping anything; the service's own answer marker is not the client's business.</summary>
    private async Task ForwardAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Remove(IdempotencyKeys.KeptByServiceHeader);
            return Task.CompletedTask;
        });
        await next(context);
    }

    private async Task AnswerFromStoreAsync(HttpContext context, StoredResponse stored, IdempotentRequest request)
    {
        if (stored.Fingerprint != request.Fingerprint)
        {
            LogUsedElsewhere(logger, context.Request.Path);
            await IdempotencyKeys.UsedElsewhere().ExecuteAsync(context);
            return;
        }

        if (!stored.Completed)
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "相同的请求正在处理中，请稍后重试。").ExecuteAsync(context);
            return;
        }

        if (request.Open(stored.Body ?? "") is not { } body)
        {
            // Sealed for another request after all (never expected with an equal fingerprint): refuse rather than guess.
            await IdempotencyKeys.UsedElsewhere().ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = stored.Status;
        context.Response.ContentType = stored.ContentType;
        if (!string.IsNullOrEmpty(stored.Location))
        {
            context.Response.Headers.Location = stored.Location;
        }

        context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency-Key not honoured: Redis is unreachable")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency-Key reused by its caller for another request to {Path}; refused with 422")]
    private static partial void LogUsedElsewhere(ILogger logger, PathString path);

    /// <param name="Body">The answer's body sealed with the request's own key (<see cref="IdempotentRequest.Seal"/>).</param>
    private sealed record StoredResponse(string Fingerprint, bool Completed, int Status, string? ContentType, string? Location, string? Body)
    {
        public static StoredResponse Pending(string fingerprint) => new(fingerprint, false, 0, null, null, null);
    }
}
