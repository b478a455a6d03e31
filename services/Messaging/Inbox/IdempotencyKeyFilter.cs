using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Idempotency;

using ReliefPlatform.ServiceDefaults.OpenApi;

namespace ReliefPlatform.Messaging.Inbox;

/// <summary>
/// Makes a write endpoint safe to retry. A request carrying an <c>Idempotency-Key</c> (a GUID, e.g. a township
/// centre's capture id) claims the key for its caller, its operation and a fingerprint of the request, in the
/// transaction of its effect; its answer is kept with the key (sealed). Then:
/// <list type="bullet">
/// <item>the same caller sending the same request again gets that first answer (<c>Idempotent-Replayed: true</c>) and
/// nothing is done again — it is the very request that already passed the walls and validation;</item>
/// <item>any other use of the key — another caller, operation or request — is first run through the endpoint's walls
/// and validation in a transaction that is rolled back: a request they refuse gets their answer (403, 400, 404, 409…);
/// one they would accept gets 422 "幂等键已用于其他请求". Nothing is written either way, never a silent 200;</item>
/// <item>a refused or failed answer (4xx/5xx) commits nothing, so its key stays unused.</item>
/// </list>
/// Requests without the header behave as before. The service's model must call <c>AddIdempotencyKeys()</c>.
/// </summary>
public static partial class IdempotencyKeyFilter
{
    public const string Header = IdempotencyKeys.Header;
    public const string ReplayedHeader = IdempotencyKeys.ReplayedHeader;
    internal const string Table = "idempotency_keys";

    public static RouteHandlerBuilder WithIdempotencyKey<TDbContext>(this RouteHandlerBuilder builder)
        where TDbContext : DbContext
    {
        // Wraps the endpoint's whole request delegate, not a filter after binding: the body must be buffered before the
        // binder reads it, so the fingerprint covers the bytes the client sent.
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("The endpoint has no request delegate.");
            endpoint.RequestDelegate = http => HandleAsync<TDbContext>(http, inner);
        });
        // The documents then show the header and the 422 a misused key gets (ProblemResponsesTransformer).
        return builder.AcceptsIdempotencyKey();
    }

    private static async Task HandleAsync<TDbContext>(HttpContext http, RequestDelegate inner)
        where TDbContext : DbContext
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            await inner(http);
            return;
        }

        if (!Guid.TryParse(values.ToString(), out var key))
        {
            await TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [Header] = ["幂等键（Idempotency-Key）应为 GUID。"] }, title: "请求头有误").ExecuteAsync(http);
            return;
        }

        var cancellationToken = http.RequestAborted;
        var request = await IdempotentRequest.ReadAsync(http.Request, cancellationToken);
        var caller = new CurrentUser(http.User).Id;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.Value ?? "";
        var db = http.RequestServices.GetRequiredService<TDbContext>();
        if (db.Model.FindEntityType(typeof(IdempotencyKeyRecord)) is null)
        {
            throw new InvalidOperationException($"{typeof(TDbContext).Name} keeps no idempotency keys: call modelBuilder.AddIdempotencyKeys() and add a migration.");
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdempotencyKeyFilter));
        // Tells the gateway that this service keeps the key with the effect, so the gateway leaves every later use to us.
        http.Response.Headers[IdempotencyKeys.KeptByServiceHeader] = "true";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Waits for a concurrent request holding the same key; afterwards that one's row is either committed or gone.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO idempotency_keys (key, caller, operation, fingerprint, status, created_at) VALUES ({key}, {caller}, {operation}, {request.Fingerprint}, 0, now()) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;

        if (!claimed)
        {
            var stored = await db.Set<IdempotencyKeyRecord>().AsNoTracking().SingleAsync(k => k.Key == key, cancellationToken);
            if (IdempotencyKeys.Judge(stored.Caller, stored.Operation, stored.Fingerprint, caller, operation, request) == IdempotencyVerdict.Replay
                && stored.Answer is { } sealedAnswer && request.Open(sealedAnswer) is { } body)
            {
                await transaction.RollbackAsync(cancellationToken);
                LogReplayed(logger, operation, key);
                await ReplayAsync(http, stored, body);
                return;
            }

            var trial = await RunBufferedAsync(http, inner);
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (IdempotencyKeys.IsKept(http.Response.StatusCode))
            {
                LogUsedElsewhere(logger, operation, key);
                trial.Discard(http);
                await IdempotencyKeys.UsedElsewhere().ExecuteAsync(http);
                return;
            }

            await trial.SendAsync(http);
            return;
        }

        var answer = await RunBufferedAsync(http, inner);
        if (IdempotencyKeys.IsKept(http.Response.StatusCode))
        {
            await db.SaveChangesAsync(cancellationToken);
            var status = http.Response.StatusCode;
            var contentType = http.Response.ContentType;
            var location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
            var sealedBody = request.Seal(answer.Body);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE idempotency_keys SET status = {status}, content_type = {contentType}, location = {location}, answer = {sealedBody} WHERE key = {key}",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await answer.SendAsync(http);
    }

    /// <summary>Runs the endpoint with its answer held back, so it can be kept, replaced or sent after the transaction ends.</summary>
    private static async Task<HeldAnswer> RunBufferedAsync(HttpContext http, RequestDelegate inner)
    {
        var headersBefore = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await inner(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return new HeldAnswer(buffer.ToArray(), headersBefore);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyKeyRecord stored, byte[] body)
    {
        http.Response.StatusCode = stored.Status;
        http.Response.ContentType = stored.ContentType;
        if (stored.Location is { Length: > 0 } location)
        {
            http.Response.Headers.Location = location;
        }

        http.Response.Headers[ReplayedHeader] = "true";
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private sealed record HeldAnswer(byte[] Body, Dictionary<string, StringValues> HeadersBefore)
    {
        public async Task SendAsync(HttpContext http) => await http.Response.Body.WriteAsync(Body, http.RequestAborted);

        /// <summary>Forgets what the endpoint set on the response (status, Location, content type…).</summary>
        public void Discard(HttpContext http)
        {
            http.Response.Headers.Clear();
            foreach (var (name, value) in HeadersBefore)
            {
                http.Response.Headers[name] = value;
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation}: Idempotency-Key {Key} repeated by its caller with the same request; the first answer was replayed")]
    private static partial void LogReplayed(ILogger logger, string operation, Guid key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation}: Idempotency-Key {Key} is already used by another request; refused with 422")]
    private static partial void LogUsedElsewhere(ILogger logger, string operation, Guid key);
}
