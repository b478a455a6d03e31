namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>
/// A dynamic-monitoring file being imported in the background. Progress is committed with each batch, so the
/// numbers are what is really in the registry, and a stopped or crashed job resumes from the last batch.
/// </summary>
public sealed class ImportJob
{
    private ImportJob()
    {
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; } = "";

    public ImportFormat Format { get; private set; }

    /// <summary>utf-8 or gbk; detected from the file unless the caller named it.</summary>
    public string Encoding { get; private set; } = "";

    public long Bytes { get; private set; }

    public string Sha256 { get; private set; } = "";

    /// <summary>The uploaded file's own hash (a workbook's, before it became the platform's CSV): the same file twice is recognised by it.</summary>
    public string SourceSha256 { get; private set; } = "";

    /// <summary>The column-mapping profile (that very version) the file was read with; null for the registry's standard names.</summary>
    public Guid? ProfileId { get; private set; }

    public ImportJobStatus Status { get; private set; }

    /// <summary>Lines read (header included) and the byte offset just after them: where a resumed job starts.</summary>
    public long LinesRead { get; private set; }

    public long BytesRead { get; private set; }

    public long RowsValid { get; private set; }

    public long RowsRejected { get; private set; }

    public long RowsNew { get; private set; }

    public long RowsChanged { get; private set; }

    public long RowsUnchanged { get; private set; }

    public long AlertsRaised { get; private set; }

    public string? Error { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>When the uploaded file was deleted: the import had become final (see <see cref="IsFinal"/>).</summary>
    public DateTimeOffset? FileDeletedAt { get; private set; }

    /// <summary>A worker holds the job until then; a crashed worker's job is taken over after it passes.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }

    public decimal PercentDone => Bytes == 0 ? 100 : Math.Round(100m * BytesRead / Bytes, 1);

    public static ImportJob Queue(
        Guid id, string fileName, ImportFormat format, string encoding, long bytes, string sha256, string createdBy, DateTimeOffset now,
        string? sourceSha256 = null, Guid? profileId = null) => new()
    {
        SourceSha256 = sourceSha256 ?? sha256,
        ProfileId = profileId,
        Id = id,
        FileName = fileName,
        Format = format,
        Encoding = encoding,
        Bytes = bytes,
        Sha256 = sha256,
        Status = ImportJobStatus.Queued,
        CreatedBy = createdBy,
        CreatedAt = now,
    };

    public void Cancel(DateTimeOffset now)
    {
        if (Status == ImportJobStatus.Queued)
        {
            FinishedAt = now;
        }

        Status = Status switch
        {
            ImportJobStatus.Queued => ImportJobStatus.Cancelled,
            ImportJobStatus.Running => ImportJobStatus.Cancelling,
            _ => throw new InvalidOperationException($"只有排队或进行中的导入可以取消，当前状态为{Status}。"),
        };
    }

    public void Resume(DateTimeOffset now, TimeSpan rollbackWindow)
    {
        if (Status is not (ImportJobStatus.Cancelled or ImportJobStatus.Failed))
        {
            throw new InvalidOperationException($"只有已取消或失败的导入可以继续，当前状态为{Status}。");
        }

        RequireWithinWindow(now, rollbackWindow, "继续");
        Status = ImportJobStatus.Queued;
        Error = null;
        LeasedUntil = null;
    }

    /// <summary>
    /// Until then a stopped or finished import may still be rolled back (or a stopped one resumed); from then on it is
    /// final and its uploaded file is deleted. Null while the import is queued or running. A rolled-back import is
    /// final at once: nothing is left to undo or to continue.
    /// </summary>
    public DateTimeOffset? FinalFrom(TimeSpan rollbackWindow) => Status switch
    {
        ImportJobStatus.RolledBack => FinishedAt,
        // Jobs cancelled while queued before FinishedAt was set for them count from when they were queued.
        ImportJobStatus.Completed or ImportJobStatus.Cancelled or ImportJobStatus.Failed => (FinishedAt ?? CreatedAt) + rollbackWindow,
        _ => null,
    };

    public bool IsFinal(DateTimeOffset now, TimeSpan rollbackWindow) => FileDeletedAt is not null || FinalFrom(rollbackWindow) <= now;

    public void RequireRollbackAllowed(DateTimeOffset now, TimeSpan rollbackWindow)
    {
        if (Status is not (ImportJobStatus.Cancelled or ImportJobStatus.Failed or ImportJobStatus.Completed))
        {
            throw new InvalidOperationException($"只有已完成、已取消或失败的导入可以回滚，当前状态为{Status}。");
        }

        RequireWithinWindow(now, rollbackWindow, "回滚");
    }

    public void RolledBack(DateTimeOffset now, TimeSpan rollbackWindow)
    {
        RequireRollbackAllowed(now, rollbackWindow);
        Status = ImportJobStatus.RolledBack;
        FinishedAt = now;
    }

    private void RequireWithinWindow(DateTimeOffset now, TimeSpan rollbackWindow, string act)
    {
        if (IsFinal(now, rollbackWindow))
        {
            throw new InvalidOperationException(FileDeletedAt is null
                ? $"该导入已超过回滚期限（结束后{Describe(rollbackWindow)}），结果已是最终结果，不能再{act}；上传的文件将被删除。"
                : $"该导入已超过回滚期限（结束后{Describe(rollbackWindow)}），上传的文件已删除，不能再{act}。");
        }
    }

    private static string Describe(TimeSpan window) => window switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => $"{window.Days}天",
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => $"{(long)window.TotalHours}小时",
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => $"{(long)window.TotalMinutes}分钟",
        _ => $"{Math.Ceiling(window.TotalSeconds)}秒",
    };
}
