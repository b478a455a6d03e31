using Medallion.Threading.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReliefPlatform.Messaging.Leases;

/// <summary>
/// Runs a background job on one instance of a service at a time, however many replicas run. The instance that holds
/// the job's lease — a PostgreSQL advisory lock on the service's own database, kept on a connection of its own for as
/// long as the instance works — runs the job; the others wait for the lease. When the holder stops, dies or loses its
/// connection, PostgreSQL frees the lock, the holder (if it still lives) stops the job, and a waiting replica takes it
/// over. No lease table and no clock to agree on: the database's own session decides.
/// </summary>
public sealed partial class JobLeases(string connectionString, TimeProvider time, ILogger<JobLeases> logger)
{
    /// <summary>How often the holder checks that its lease's connection still lives (and keeps it from being idle).</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits for <paramref name="job"/>'s lease, runs <paramref name="work"/> while holding it, and waits again if the
    /// lease is lost; returns when <paramref name="stoppingToken"/> is cancelled. <paramref name="work"/> gets a token
    /// cancelled when the service stops or the lease is lost, and is expected to run until then.
    /// </summary>
    public async Task RunWhileHeldAsync(string job, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        var lease = Lock($"relief-job:{job}", connectionString, Heartbeat);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handle = await lease.AcquireAsync(cancellationToken: stoppingToken);
                try
                {
                    failures = 0;
                    LogTaken(logger, job);
                    using var working = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, handle.HandleLostToken);
                    try
                    {
                        await work(working.Token);
                    }
                    catch (OperationCanceledException) when (handle.HandleLostToken.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                    {
                        LogLost(logger, job);
                    }
                }
                finally
                {
                    await ReleaseAsync(handle, job);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))));
                LogFailed(logger, job, ex.GetType().Name, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// A session-level advisory lock named <paramref name="name"/> on <paramref name="connectionString"/>'s database, held
    /// on a connection of its own (never multiplexed, so the lock lives exactly as long as that session), kept from
    /// being idle every <paramref name="keepalive"/> when given.
    /// </summary>
    internal static PostgresDistributedLock Lock(string name, string connectionString, TimeSpan? keepalive = null) =>
        new(new PostgresAdvisoryLockKey(name, allowHashing: true), connectionString,
            options => (keepalive is { } cadence ? options.KeepaliveCadence(cadence) : options).UseMultiplexing(false));

    private async Task ReleaseAsync(PostgresDistributedLockHandle handle, string job)
    {
        try
        {
            await handle.DisposeAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // The connection is gone (that is how a lease is lost); PostgreSQL freed the lock with it.
            LogReleaseFailed(logger, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the lease of job {Job}: this instance runs it now")]
    private static partial void LogTaken(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of job {Job} (its connection closed); stopped it and waiting for the lease again")]
    private static partial void LogLost(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take or hold the lease of job {Job} ({ExceptionType}); trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, string job, string exceptionType, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Releasing the lease of job {Job} failed: its connection was gone, and the server freed the lease with it")]
    private static partial void LogReleaseFailed(ILogger logger, string job);
}
