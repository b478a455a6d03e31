using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.UnitTests.Assessment;

/// <summary>An import stays open to rollback (and, when stopped, to resuming) for the rollback window after it ends; then it is final.</summary>
public sealed class ImportJobTests
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void A_stopped_import_may_be_rolled_back_or_resumed_until_its_window_ends_and_neither_after()
    {
        var stoppedAt = Queued.AddHours(1);
        var job = ImportJob.Queue(Guid.NewGuid(), "a.csv", ImportFormat.Csv, "utf-8", 10, "x", "u", Queued);
        job.Cancel(stoppedAt);

        Assert.Equal(stoppedAt.AddDays(7), job.FinalFrom(Week));
        job.RequireRollbackAllowed(stoppedAt.AddDays(7).AddSeconds(-1), Week);
        Assert.False(job.IsFinal(stoppedAt.AddDays(7).AddSeconds(-1), Week));

        var rollback = Assert.Throws<InvalidOperationException>(() => job.RequireRollbackAllowed(stoppedAt.AddDays(7), Week));
        Assert.Equal("该导入已超过回滚期限（结束后7天），结果已是最终结果，不能再回滚；上传的文件将被删除。", rollback.Message);
        var resume = Assert.Throws<InvalidOperationException>(() => job.Resume(stoppedAt.AddDays(8), Week));
        Assert.Contains("不能再继续", resume.Message, StringComparison.Ordinal);
        Assert.True(job.IsFinal(stoppedAt.AddDays(7), Week));

        job.Resume(stoppedAt.AddDays(6), Week);
        Assert.Equal(ImportJobStatus.Queued, job.Status);
        Assert.Null(job.FinalFrom(Week));
    }

    [Fact]
    public void A_rolled_back_import_is_final_at_once()
    {
        var job = ImportJob.Queue(Guid.NewGuid(), "a.csv", ImportFormat.Csv, "utf-8", 10, "x", "u", Queued);
        job.Cancel(Queued.AddMinutes(1));
        job.RolledBack(Queued.AddMinutes(2), Week);

        Assert.Equal(Queued.AddMinutes(2), job.FinalFrom(Week));
        Assert.True(job.IsFinal(Queued.AddMinutes(2), Week));
        Assert.Throws<InvalidOperationException>(() => job.RequireRollbackAllowed(Queued.AddMinutes(3), Week));
    }

    [Fact]
    public void A_queued_or_running_import_is_never_final()
    {
        var job = ImportJob.Queue(Guid.NewGuid(), "a.csv", ImportFormat.Csv, "utf-8", 10, "x", "u", Queued);

        Assert.Null(job.FinalFrom(Week));
        Assert.False(job.IsFinal(Queued.AddYears(1), Week));
    }
}
