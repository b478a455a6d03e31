using ReliefPlatform.Messaging.Leases;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// A background job that sweeps at a fixed period on the TimeProvider's clock (fake time in tests); a failed sweep is
/// logged and the next one runs on time. However many replicas of Delivery run, one sweeps at a time: the one holding
/// the job's lease (<see cref="JobLeases"/>).
/// </summary>
public abstract partial class PeriodicSweeper(JobLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected abstract TimeSpan Period { get; }

    /// <returns>How many things the sweep acted on.</returns>
    public abstract Task<int> SweepAsync(CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leases.RunWhileHeldAsync(GetType().Name, SweepPeriodicallyAsync, stoppingToken);

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweeper} failed; the next sweep runs on time")]
    private static partial void LogSweepFailed(ILogger logger, string sweeper, Exception exception);
}
