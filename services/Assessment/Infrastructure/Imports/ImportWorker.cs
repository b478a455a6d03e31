using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// Picks up queued imports — and imports whose worker died (its lease ran out) — one at a time per replica, and
/// runs them from their last committed batch.
/// </summary>
public sealed partial class ImportWorker(
    ImportDatabase database, ImportRunner runner, ImportQueueSignal signal, IOptions<ImportOptions> options, TimeProvider time, ILogger<ImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stoppingToken) is { } jobId)
                {
                    await runner.RunAsync(jobId, stoppingToken);
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogClaimFailed(logger, ex.GetType().Name);
            }

            await signal.WaitAsync(options.Value.PollEvery, stoppingToken);
        }
    }

    private async Task<Guid?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        // A worker that died while its job was being cancelled leaves it cancelled, not running.
        await ImportBatchWriter.ExecuteAsync(connection,
            "UPDATE import_jobs SET \"Status\" = 'Cancelled', \"LeasedUntil\" = NULL, \"FinishedAt\" = $1 WHERE \"Status\" = 'Cancelling' AND \"LeasedUntil\" < $1",
            cancellationToken, now);
        return await ImportBatchWriter.ScalarAsync<Guid>(connection, $"""
            UPDATE import_jobs SET "Status" = '{nameof(ImportJobStatus.Running)}', "LeasedUntil" = $2, "StartedAt" = COALESCE("StartedAt", $1)
            WHERE "Id" = (SELECT "Id" FROM import_jobs
                          WHERE "Status" = 'Queued' OR ("Status" = 'Running' AND "LeasedUntil" < $1)
                          ORDER BY "CreatedAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING "Id"
            """, cancellationToken, now, now + ImportBatchWriter.Lease) is { } id && id != Guid.Empty ? id : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for import jobs failed with {ExceptionType}; trying again")]
    private static partial void LogClaimFailed(ILogger logger, string exceptionType);
}

/// <summary>Wakes the worker when a file is accepted, so an import starts at once rather than at the next poll.</summary>
public sealed class ImportQueueSignal : ReliefPlatform.Messaging.WakeSignal;
