using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>What one sweep did.</summary>
/// <param name="FilesDeleted">Uploaded files of final imports deleted.</param>
/// <param name="ChunksDeleted">Their chunks.</param>
/// <param name="ChunksSealed">Chunks stored in clear before sealing began, sealed now.</param>
/// <param name="Vacuum">none, VACUUM, or VACUUM FULL (when clear chunks were removed: the table is rewritten so their bytes leave the data files).</param>
/// <param name="TableBytesBefore">import_file_chunks with its TOAST table, before the sweep.</param>
/// <param name="TableBytesAfter">The same after the sweep's vacuum.</param>
public sealed record FileSweep(int FilesDeleted, long ChunksDeleted, int ChunksSealed, string Vacuum, long TableBytesBefore, long TableBytesAfter);

/// <summary>
/// Keeps uploaded monitoring files — names and ID numbers — no longer than an import needs them: once an import is
/// final (rolled back, or ended longer than <see cref="ImportOptions.RollbackWindow"/> ago) its file is deleted and
/// the job says so; the table is vacuumed so the space is reclaimed. Files stored in clear before sealing began are
/// sealed as it passes. However many replicas of Assessment run, one sweeps at a time: the one holding the job's lease
/// (<see cref="JobLeases"/>), as the other periodic jobs do. Time comes from the TimeProvider.
/// </summary>
public sealed partial class ImportFileSweeper(
    ImportDatabase database, PersonalDataProtector protector, JobLeases leases, IOptions<ImportOptions> options, TimeProvider time,
    ILogger<ImportFileSweeper> logger)
    : BackgroundService
{
    /// <summary>Clear chunks sealed per sweep at most (1 MiB each), so a sweep stays short.</summary>
    private const int SealPerSweep = 256;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leases.RunWhileHeldAsync(nameof(ImportFileSweeper), SweepPeriodicallyAsync, stoppingToken);

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery, time);
        do
        {
            try
            {
                var sweep = await SweepAsync(stoppingToken);
                if (sweep.FilesDeleted > 0 || sweep.ChunksSealed > 0)
                {
                    LogSwept(logger, sweep.FilesDeleted, sweep.ChunksDeleted, sweep.ChunksSealed, sweep.Vacuum, sweep.TableBytesBefore, sweep.TableBytesAfter);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>What the sweep did.</returns>
    public async Task<FileSweep> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var before = await TableBytesAsync(connection, cancellationToken);
        var (files, chunks, clearDeleted) = await DeleteFinalFilesAsync(connection, cancellationToken);
        var sealedNow = await SealClearChunksAsync(connection, cancellationToken);
        var vacuum = clearDeleted > 0 || sealedNow > 0 ? await VacuumFullAsync(connection, cancellationToken)
            : chunks > 0 ? await VacuumAsync(connection, "VACUUM import_file_chunks", cancellationToken)
            : "none";
        return new FileSweep(files, chunks, sealedNow, vacuum, before, await TableBytesAsync(connection, cancellationToken));
    }

    /// <summary>Marks final imports' files deleted and deletes their chunks, in one transaction, so the job never claims a file that is gone or the reverse.</summary>
    private async Task<(int Files, long Chunks, long ClearChunks)> DeleteFinalFilesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The same rule as ImportJob.FinalFrom; the row lock makes a concurrent resume or rollback wait and then see the change.
        var jobs = new List<Guid>();
        await using (var final = new NpgsqlCommand($"""
            UPDATE import_jobs SET "FileDeletedAt" = $1
            WHERE "Id" IN (SELECT "Id" FROM import_jobs
                           WHERE "FileDeletedAt" IS NULL
                             AND ("Status" = '{nameof(ImportJobStatus.RolledBack)}'
                                  OR ("Status" IN ('{nameof(ImportJobStatus.Completed)}', '{nameof(ImportJobStatus.Cancelled)}', '{nameof(ImportJobStatus.Failed)}')
                                      AND COALESCE("FinishedAt", "CreatedAt") <= $2))
                           ORDER BY "CreatedAt" LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING "Id"
            """, connection))
        {
            final.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = now });
            final.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = now - options.Value.RollbackWindow });
            await using var reader = await final.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                jobs.Add(reader.GetGuid(0));
            }
        }

        long chunks = 0, clear = 0;
        if (jobs.Count > 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM import_file_chunks WHERE \"JobId\" = ANY($1) RETURNING \"Sealed\"", connection);
            delete.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = jobs.ToArray() });
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                chunks++;
                clear += reader.GetBoolean(0) ? 0 : 1;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (jobs.Count, chunks, clear);
    }

    /// <summary>Seals, chunk by chunk, what was stored in clear before sealing began (those imports' files are still needed).</summary>
    private async Task<int> SealClearChunksAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var count = 0;
        while (count < SealPerSweep)
        {
            Guid jobId;
            int sequence;
            byte[] data;
            await using (var next = new NpgsqlCommand("SELECT \"JobId\", \"Sequence\", \"Data\" FROM import_file_chunks WHERE NOT \"Sealed\" LIMIT 1", connection))
            await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    break;
                }

                (jobId, sequence, data) = (reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2));
            }

            await ImportBatchWriter.ExecuteAsync(connection,
                "UPDATE import_file_chunks SET \"Data\" = $3, \"Sealed\" = TRUE WHERE \"JobId\" = $1 AND \"Sequence\" = $2 AND NOT \"Sealed\"",
                cancellationToken, jobId, sequence, protector.Protect(data, ImportFileStore.Purpose(jobId, sequence)));
            count++;
        }

        return count;
    }

    /// <summary>
    /// Rewrites the table (VACUUM FULL) so bytes once stored in clear are gone from its data files, not merely marked free.
    /// It needs the table to itself: if an upload or import holds it for longer than a few seconds, a plain VACUUM now
    /// and the rewrite at a later sweep (clear chunks are counted again until one succeeds).
    /// </summary>
    private static async Task<string> VacuumFullAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ImportBatchWriter.ExecuteAsync(connection, "SET lock_timeout = '5s'", cancellationToken);
            return await VacuumAsync(connection, "VACUUM FULL import_file_chunks", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return await VacuumAsync(connection, "VACUUM import_file_chunks", cancellationToken) + " (VACUUM FULL postponed: the table was busy)";
        }
        finally
        {
            await ImportBatchWriter.ExecuteAsync(connection, "RESET lock_timeout", CancellationToken.None);
        }
    }

    /// <summary>
    /// A plain VACUUM makes the deleted chunks' space (in the TOAST table, where the data lives) free for new uploads and
    /// gives empty pages at the end of the files back to the operating system; what is left of the deleted chunks is ciphertext.
    /// </summary>
    private static async Task<string> VacuumAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        await ImportBatchWriter.ExecuteAsync(connection, statement, cancellationToken);
        return statement.Replace(" import_file_chunks", "", StringComparison.Ordinal);
    }

    private static Task<long> TableBytesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ImportBatchWriter.ScalarAsync<long>(connection, "SELECT pg_total_relation_size('import_file_chunks')", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deleted the uploaded files of {Files} final imports ({Chunks} chunks), sealed {Sealed} clear chunks; {Vacuum}: import_file_chunks {Before} → {After} bytes")]
    private static partial void LogSwept(ILogger logger, int files, long chunks, int @sealed, string vacuum, long before, long after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping import files failed with {ExceptionType}; trying again at the next sweep")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
