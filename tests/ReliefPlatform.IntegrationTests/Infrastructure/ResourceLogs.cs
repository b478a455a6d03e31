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
        var lines = new List<string>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource).WithCancellation(window.Token))
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
