using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>What a resource wrote to its console, as the dashboard shows it.</summary>
public static class ResourceLogs
{
    /// <summary>
    /// The lines kept so far. The testing host watches every resource's log from the start, so watching again hands
    /// back the whole backlog at once; the watch is then left after a short quiet moment.
    /// </summary>
    public static async Task<List<string>> ReadAsync(DistributedApplication app, string resource)
    {
        // Logs are kept per running instance (its resource id, e.g. "postgres-abcd1234"), not per resource name.
        var resourceId = app.ResourceNotifications.TryGetCurrentState(resource, out var current) ? current.ResourceId : resource;
        var lines = new List<string>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(window.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return lines;
    }
}
