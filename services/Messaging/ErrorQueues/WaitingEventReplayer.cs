using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.Messaging.Leases;

namespace ReliefPlatform.Messaging.ErrorQueues;

/// <summary>
/// Gives the events that came before their prerequisite (<see cref="PrerequisiteNotArrivedException"/>) back to their
/// consumers every <see cref="WaitingEventOptions.RetryEvery"/>, from the <c>_error</c> queues where MassTransit parked
/// them after its quick retries: a confirmation that overtook its order's reservation by minutes is applied minutes
/// later, with nobody replaying it by hand. Parked messages that failed for any other reason stay for an operator, and
/// so does an event that has waited longer than <see cref="WaitingEventOptions.GiveUpAfter"/>. The messages never leave
/// the broker's durable queues while they wait. One replica does this at a time (its job's lease).
/// </summary>
public sealed partial class WaitingEventReplayer(
    ReceiveEndpointRegistry endpoints, ErrorQueueReplayer replayer, JobLeases leases, IOptions<WaitingEventOptions> options, TimeProvider time,
    ILogger<WaitingEventReplayer> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leases.RunWhileHeldAsync(nameof(WaitingEventReplayer), ReplayPeriodicallyAsync, stoppingToken);

    private async Task ReplayPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetryEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReplayWaitingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <returns>How many waiting events were given back to their consumers.</returns>
    public async Task<int> ReplayWaitingAsync(CancellationToken cancellationToken)
    {
        var giveUpBefore = (time.GetUtcNow() - options.Value.GiveUpAfter).ToUnixTimeMilliseconds();
        var overdue = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = await replayer.ReplayAsync(endpoints.Queues.ToList(), (queue, headers) =>
        {
            if (!ErrorQueueReplayer.IsWaiting(headers))
            {
                return ErrorQueueReplayer.Replay.Leave;
            }

            if (ErrorQueueReplayer.WaitingSince(headers) is { } since && since < giveUpBefore)
            {
                overdue[queue] = overdue.GetValueOrDefault(queue) + 1;
                return ErrorQueueReplayer.Replay.Leave;
            }

            return ErrorQueueReplayer.Replay.Now;
        }, options.Value.MostPerTurn, cancellationToken);
        foreach (var (name, outcome) in outcomes)
        {
            if (outcome.Replayed > 0)
            {
                LogReplayed(logger, outcome.Replayed, name);
            }

            if (overdue.GetValueOrDefault(name) is > 0 and var count)
            {
                LogOverdue(logger, count, name, options.Value.GiveUpAfter);
            }
        }

        return outcomes.Values.Sum(o => o.Replayed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Count} events waiting for their prerequisite back to {Queue}")]
    private static partial void LogReplayed(ILogger logger, int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} events in {Queue}_error have waited longer than {Limit} for their prerequisite; left for an operator to look at and replay")]
    private static partial void LogOverdue(ILogger logger, int count, string queue, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving waiting events back failed with {ExceptionType}; trying again at the next turn")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
