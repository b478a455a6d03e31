using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Messaging.ErrorQueues;

public sealed record ReplayResponse(IReadOnlyDictionary<string, int> Replayed);

public static class MessagingOpsApi
{
    public const string ReplayPath = "/ops/messaging/replay-errors";

    /// <summary>
    /// Operations endpoint (not routed by the gateway; the AppHost offers it as a dashboard command):
    /// replays every <c>_error</c> queue of this service's own endpoints. Callers are ops staff with a
    /// token, or the dashboard presenting the run's operations key.
    /// </summary>
    public static IEndpointRouteBuilder MapMessagingOps(this IEndpointRouteBuilder app)
    {
        app.MapPost(ReplayPath, ReplayErrors)
            .WithName("ReplayErrorQueues")
            .WithSummary("Move this service's failed messages from its _error queues back to work")
            .WithTags("Operations")
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
                IsOperations(context.HttpContext) ? await next(context) : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "仅运维人员可以重放失败消息。"))
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsOperations(HttpContext http)
    {
        if (http.User.IsInRole(ReliefRoles.Ops))
        {
            return true;
        }

        var expected = http.RequestServices.GetRequiredService<IConfiguration>()["Ops:Key"];
        var presented = http.Request.Headers["X-Ops-Key"].ToString();
        return !string.IsNullOrEmpty(expected)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(presented));
    }

    public static async Task<Ok<ReplayResponse>> ReplayErrors(
        ReceiveEndpointRegistry endpoints,
        ErrorQueueReplayer replayer,
        CancellationToken cancellationToken)
    {
        var outcomes = await replayer.ReplayAsync(endpoints.Queues.ToList(), (_, _) => ErrorQueueReplayer.Replay.Now, int.MaxValue, cancellationToken);
        return TypedResults.Ok(new ReplayResponse(outcomes.ToDictionary(o => o.Key, o => o.Value.Replayed, StringComparer.Ordinal)));
    }
}
