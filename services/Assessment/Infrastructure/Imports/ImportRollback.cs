using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

public sealed record RollbackResult(int MembersRemoved, int MembersRestored, int HouseholdsRemoved, int HouseholdsRestored, int HouseholdsKept, int AlertsClosed);

/// <summary>
/// Undoes a stopped or finished import in one transaction: records it changed go back to how they were before it
/// (from the history it kept), people and households it created are removed — except households someone has
/// since assessed, which stay — and the alerts it raised are closed.
/// </summary>
public static class ImportRollback
{
    public static async Task<RollbackResult> RollBackAsync(
        AssessmentDbContext db, ImportJob job, DateTimeOffset now, TimeSpan rollbackWindow, CancellationToken cancellationToken)
    {
        job.RolledBack(now, rollbackWindow);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var membersRestored = await RestoreAsync(db, "members", typeof(Member), job.Id, cancellationToken);
        var householdsRestored = await RestoreAsync(db, "households", typeof(Household), job.Id, cancellationToken);
        var alertsClosed = await db.Database.ExecuteSqlRawAsync("""
            UPDATE discovery_alerts SET "Status" = 'Closed', "ClosedAt" = {1}, "ClosedBy" = 'system', "Resolution" = '导入已回滚'
            WHERE "ImportJobId" = {0} AND "Status" = 'Open'
            """, [job.Id, now], cancellationToken);
        var membersRemoved = await db.Database.ExecuteSqlRawAsync("DELETE FROM members WHERE \"ImportJobId\" = {0}", [job.Id], cancellationToken);
        var householdsRemoved = await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM households h WHERE h."ImportJobId" = {0}
              AND NOT EXISTS (SELECT 1 FROM members m WHERE m."HouseholdId" = h."Id")
              AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a."HouseholdId" = h."Id")
            """, [job.Id], cancellationToken);
        var householdsKept = await db.Households.IgnoreQueryFilters().CountAsync(h => h.ImportJobId == job.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RollbackResult(membersRemoved, membersRestored, householdsRemoved, householdsRestored, householdsKept, alertsClosed);
    }

    /// <summary>Puts each record the job changed back to its state before the job's first change of it.</summary>
    private static Task<int> RestoreAsync(AssessmentDbContext db, string table, Type entity, Guid jobId, CancellationToken cancellationToken)
    {
        // Computed columns (the ledger's type keys) follow from the others and cannot be written.
        var columns = db.Model.FindEntityType(entity)!.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null)
            .Select(p => p.GetColumnName())
            .Where(c => c is not "Id" and not "xmin")
            .Select(c => $"\"{c}\" = r.\"{c}\"");
        // Table and column names come from the EF model, never from input.
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($$"""
            UPDATE {{table}} t SET {{string.Join(", ", columns)}}
            FROM (SELECT DISTINCT ON ("RecordId") "RecordId", "Previous" FROM record_history
                  WHERE "ImportJobId" = {0} AND "TableName" = '{{table}}' ORDER BY "RecordId", "Id") h
            CROSS JOIN LATERAL jsonb_populate_record(NULL::{{table}}, h."Previous") r
            WHERE t."Id" = h."RecordId"
            """, [jobId], cancellationToken);
#pragma warning restore EF1002
    }
}
