using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// Runs the dispatcher in the background: straight away while batches come back full, on a signal when a
/// transaction with outbox rows commits, and on a slow poll otherwise (which also picks up retries and
/// whatever a crashed process left behind). Database or broker outages back off and never stop the loop.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    OutboxDispatcher<TDbContext> dispatcher,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Parallelism)).Select(loop => RunLoopAsync(first: loop == 0, stoppingToken)));

    /// <summary>
    /// One dispatch loop. The first polls every <see cref="OutboxOptions.IdlePollInterval"/> (rows whose retry time has come, rows
    /// another process wrote) and sweeps; the others are helpers: they wake for a commit's signal, or when a loop finds a full
    /// batch (a backlog, after a restart say) and calls one in, and otherwise poll only every
    /// <see cref="OutboxOptions.HelperIdleInterval"/> — an idle county is not four empty transactions a second per service.
    /// </summary>
    private async Task RunLoopAsync(bool first, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        var nextSweep = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await dispatcher.DispatchBatchAsync(stoppingToken);
                if (first && time.GetUtcNow() >= nextSweep)
                {
                    await dispatcher.SweepAsync(stoppingToken);
                    nextSweep = time.GetUtcNow() + options.Value.SweepInterval;
                }

                failures = 0;
                if (claimed < options.Value.BatchSize)
                {
                    await signal.WaitAsync(first ? options.Value.IdlePollInterval : options.Value.HelperIdleInterval, stoppingToken);
                }
                else
                {
                    // More may be waiting: call a helper in.
                    signal.Notify();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (BrokerUnavailableException ex)
            {
                // The broker is away (a member stopped, a restart, a network blip): try again soon and at a steady pace, so the
                // backlog leaves within seconds of its return. A pass is one claim and a rollback, cheap to repeat.
                failures++;
                var delay = BrokerRetryDelay(failures);
                LogBrokerUnavailable(logger, ex, failures, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))));
                LogRelayFailed(logger, ex, failures, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>How long the relay waits after a pass in which nothing reached the broker: ½ s, 1 s, 2 s, 4 s, then every 5 s.</summary>
    private static TimeSpan BrokerRetryDelay(int failures) => TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * Math.Pow(2, Math.Min(failures, 10))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay reached no broker ({Failures} passes in a row); trying again in {Delay}")]
    private static partial void LogBrokerUnavailable(ILogger logger, Exception exception, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay pass failed ({Failures} in a row); retrying in {Delay}")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int failures, TimeSpan delay);
}
