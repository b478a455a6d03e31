using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ReliefPlatform.Messaging.ErrorQueues;

public sealed record ReplayResponse(IReadOnlyDictionary<string, int> Replayed);

public static class MessagingOpsApi
{
    public const string ReplayPath = "/ops/messaging/replay-errors";

    /// <summary>
    /// Operations endpoint (not routed by the gateway; the AppHost offers it as a dashboard command):
    /// replays every <c>_error</c> queue of this service's own endpoints.
    /// </summary>
    public static IEndpointRouteBuilder MapMessagingOps(this IEndpointRouteBuilder app)
    {
        app.MapPost(ReplayPath, ReplayErrors)
            .WithName("ReplayErrorQueues")
            .WithSummary("Move this service's failed messages from its _error queues back to work")
            .WithTags("Operations")
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<ReplayResponse>> ReplayErrors(
        ReceiveEndpointRegistry endpoints,
        ErrorQueueReplayer replayer,
        CancellationToken cancellationToken)
    {
        var replayed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in endpoints.Queues)
        {
            replayed[queue] = await replayer.ReplayAsync(queue, cancellationToken);
        }

        return TypedResults.Ok(new ReplayResponse(replayed));
    }
}
