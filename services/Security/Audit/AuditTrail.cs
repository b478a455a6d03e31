using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.Security.Audit;

/// <summary>One act to put on the chain: what was done, to which subject (ids, never names), and its codes.</summary>
public sealed record AuditedAct(string Action, string Subject, string? Details);

public sealed record AuditVerification(long Entries, long? FirstBrokenSequence)
{
    public bool Intact => FirstBrokenSequence is null;
}

/// <summary>Appends to and verifies a service's hash-chained, append-only audit log.</summary>
public static class AuditTrail
{
    /// <summary>
    /// Writes an entry after the current head (saving the context's pending changes with it). Must run
    /// inside the transaction of the act it records: the transaction-scoped advisory lock makes concurrent
    /// appends queue, so the chain never forks, and the entry commits or rolls back with the act.
    /// </summary>
    public static Task AppendAsync(
        DbContext db, TimeProvider time, string actor, string action, string subject, string? details, CancellationToken cancellationToken) =>
        AppendAsync(db, time, actor, [new AuditedAct(action, subject, details)], cancellationToken);

    /// <summary>
    /// Writes one entry per act, chained in the order given, after the current head (one act done to many subjects — a
    /// migrated batch and each of its work orders — so each subject's own log shows it). Same transaction rule as above.
    /// </summary>
    public static async Task AppendAsync(DbContext db, TimeProvider time, string actor, IReadOnlyList<AuditedAct> acts, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit entry must be written in the transaction of the act it records.");
        }

        // The act's own changes first, outside the chain's lock: the lock is the one place every audited act of the service
        // queues, so it is held only for reading the head, adding the entries and the commit that follows — not for the act's
        // rows (a plan's lines, its orders, their events). Measured in the flow benchmark: approvals queued ~24 deep on it.
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('audit_entries'))", cancellationToken);
        var entries = db.Set<AuditEntry>();
        var head = await entries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken)
            ?? AuditHash.Genesis;
        var at = time.GetUtcNow();
        foreach (var act in acts)
        {
            // Added in chain order: EF inserts a table's new rows in the order they were added, so the sequence follows the links.
            var entry = AuditEntry.Create(at, actor, act.Action, act.Subject, act.Details, head);
            entries.Add(entry);
            head = entry.Hash;
        }

        // Without EF's savepoint around the insert (two round trips more under the lock): if the insert fails, the act's
        // transaction fails with it, as it must.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// Saves the act's pending changes with its entry: in the transaction already open (an <c>Idempotency-Key</c>'s, which
    /// commits or rolls back the key, the act and the entry together) or in one of its own, committed here.
    /// </summary>
    public static async Task SaveWithEntryAsync(
        DbContext db, TimeProvider time, string actor, string action, string subject, string? details, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await AppendAsync(db, time, actor, action, subject, details, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, time, actor, action, subject, details, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Walks the chain in order; reports the first entry whose hash or link does not hold.</summary>
    public static async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken cancellationToken)
    {
        var previous = AuditHash.Genesis;
        long count = 0;
        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.PreviousHash != previous || entry.ComputeHash() != entry.Hash)
            {
                return new AuditVerification(count, entry.Sequence);
            }

            previous = entry.Hash;
        }

        return new AuditVerification(count, null);
    }
}
