using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.Messaging.Inbox;

/// <summary>Answer to a request whose <c>Idempotency-Key</c> was applied before: nothing was done again.</summary>
public sealed record IdempotentReplay(Guid IdempotencyKey, bool AlreadyApplied = true);

/// <summary>
/// Makes a write endpoint safe to retry: a request carrying an <c>Idempotency-Key</c> (a GUID, e.g. a township
/// centre's capture id) is applied through the inbox — its effect and the key commit together, a failed answer
/// (4xx/5xx) commits nothing, and the same key again answers 200 with <see cref="IdempotentReplay"/> and does
/// nothing. Requests without the header behave as before.
/// </summary>
public static class IdempotencyKeyFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder WithIdempotencyKey<TDbContext>(this RouteHandlerBuilder builder)
        where TDbContext : DbContext
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.Request.Headers.TryGetValue(Header, out var values))
            {
                return await next(context);
            }

            if (!Guid.TryParse(values.ToString(), out var key))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [Header] = ["幂等键（Idempotency-Key）应为 GUID。"] }, title: "请求头有误");
            }

            var db = http.RequestServices.GetRequiredService<TDbContext>();
            var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.Value ?? "";
            object? answer = null;
            var outcome = await MessageInbox.ApplyOnceAsync(db, $"request:{endpoint}", key, async _ =>
            {
                answer = await next(context);
                return IsSuccess(answer);
            }, http.RequestAborted);
            if (outcome == InboxOutcome.AlreadyApplied)
            {
                http.Response.Headers[ReplayedHeader] = "true";
                return TypedResults.Ok(new IdempotentReplay(key));
            }

            return answer;
        });
        return builder;
    }

    private static bool IsSuccess(object? answer)
    {
        while (answer is INestedHttpResult nested)
        {
            answer = nested.Result;
        }

        return answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } || answer is not IResult;
    }
}
