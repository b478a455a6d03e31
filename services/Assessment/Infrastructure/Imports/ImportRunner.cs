using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Policies;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Rows (valid or refused) per transaction: the unit of progress, of resuming, and of all-or-nothing.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>Largest accepted upload.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after it ends an import may still be rolled back (or a stopped one resumed). After that it is final and
    /// its uploaded file — names and ID numbers — is deleted (<c>Import:RollbackWindow</c>, e.g. <c>7.00:00:00</c>).
    /// </summary>
    public TimeSpan RollbackWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the sweeper looks for files of final imports to delete.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Runs one import job from its checkpoint: reading, checking and encrypting rows on one core while the previous
/// batch is written on the database's, so parsing and writing overlap.
/// </summary>
public sealed partial class ImportRunner(
    ImportDatabase database,
    ImportBatchWriter writer,
    PersonalDataProtector protector,
    IOptions<CountyOptions> county,
    IOptions<ImportOptions> options,
    ExistingPolicies policies,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<ImportRunner> logger)
{
    /// <summary>
    /// The existing-policy vocabulary a 现有政策 column is checked against, read from Catalogue when the file may name one: a
    /// CSV with the column fails (resumable) while Catalogue cannot answer; JSON lines without it go on, refusing only rows that name one.
    /// </summary>
    private async Task<IReadOnlyList<(string Code, string Name)>?> PoliciesAsync(ImportFormat format, int[]? columns, CancellationToken cancellationToken)
    {
        var named = format != ImportFormat.Csv || columns![(int)MonitoringField.Benefits] >= 0;
        if (!named)
        {
            return [];
        }

        try
        {
            return [.. (await policies.ListAsync(cancellationToken)).Select(p => (p.Code, p.NameZh))];
        }
        catch (HttpRequestException) when (format != ImportFormat.Csv)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            throw new ImportFileException("暂时无法核对“现有政策”列（服务目录未响应），请稍后继续导入。");
        }
    }

    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var dataSource = database.DataSource;
        ImportJob job;
        await using (var db = database.CreateContext())
        {
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var encoding = ImportLines.For(job.Encoding);
            int[]? columns = null;
            long start = job.BytesRead, firstLine = job.LinesRead + 1;
            if (job.Format == ImportFormat.Csv)
            {
                var header = await ImportLines.ReadAsync(ImportFileStore.ReadAsync(dataSource, jobId, 0, protector, cancellationToken), 0, 1)
                    .FirstOrDefaultAsync(cancellationToken);
                if (header.Bytes.IsEmpty)
                {
                    throw new ImportFileException("文件为空或没有表头。");
                }

                columns = ImportRowReader.MapHeader(DecodeHeader(encoding, header));
                if (start < header.EndOffset)
                {
                    (start, firstLine) = (header.EndOffset, 2);
                }
            }

            var reader = new ImportRowReader(
                new MonitoringRowParser(county.Value, time.CountyToday(), await PoliciesAsync(job.Format, columns, cancellationToken)), protector, encoding, job.Format);
            var lines = ImportLines.ReadAsync(ImportFileStore.ReadAsync(dataSource, jobId, start, protector, cancellationToken), start, firstLine);
            var batches = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in reader.ReadAsync(lines, columns, options.Value.BatchSize, stop.Token))
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception ex)
                {
                    batches.Writer.Complete(ex);
                }
            }, stop.Token);

            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                var outcome = await writer.WriteAsync(connection, jobId, batch, cancellationToken);
                outboxSignal.Notify();
                if (outcome.Stopped)
                {
                    await stop.CancelAsync();
                    LogStopped(logger, jobId);
                    return;
                }
            }

            await producer;
            await ImportBatchWriter.ExecuteAsync(connection, """
                UPDATE import_jobs SET "Status" = CASE "Status" WHEN 'Cancelling' THEN 'Cancelled' ELSE 'Completed' END, "FinishedAt" = $2, "LeasedUntil" = NULL
                WHERE "Id" = $1 AND "Status" IN ('Running', 'Cancelling')
                """, cancellationToken, jobId, time.GetUtcNow());
            LogCompleted(logger, jobId);
        }
        catch (ImportFileException ex)
        {
            await FailAsync(connection, jobId, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Messages of lower layers can quote data; the job says only what kind of failure stopped it.
            LogFailed(logger, jobId, ex.GetType().Name);
            await FailAsync(connection, jobId, $"导入中断（{ex.GetType().Name}），已写入的批次保留，可继续或回滚。", cancellationToken);
        }
    }

    private static string DecodeHeader(System.Text.Encoding encoding, FileLine header)
    {
        try
        {
            return encoding.GetString(header.Bytes.Span);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ImportFileException("表头不是有效的文本编码。");
        }
    }

    private async Task FailAsync(NpgsqlConnection connection, Guid jobId, string reason, CancellationToken cancellationToken) =>
        await ImportBatchWriter.ExecuteAsync(connection,
            "UPDATE import_jobs SET \"Status\" = 'Failed', \"Error\" = $2, \"FinishedAt\" = $3, \"LeasedUntil\" = NULL WHERE \"Id\" = $1",
            cancellationToken, jobId, reason, time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} completed")]
    private static partial void LogCompleted(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} stopped at a batch boundary")]
    private static partial void LogStopped(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {JobId} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string exceptionType);
}
