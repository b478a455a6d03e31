using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.Security.Locks;

/// <summary>
/// PostgreSQL transaction-scoped advisory locks under one naming scheme: a lock names what it guards (<c>kind</c>, such as
/// <c>delivery.contract-cap</c>) and which one (<c>key</c>), so locks of two kinds never collide and every lock of a kind is
/// found by its name. A second transaction asking for the same lock waits until the first commits or rolls back, then
/// reads what the first wrote. (A job's lease, held for as long as a process runs the job, is a session lock instead:
/// <c>JobLeases</c>.)
/// </summary>
public static class TransactionLocks
{
    /// <summary>Waits for and holds the lock until the current transaction ends.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open: the lock would end with the statement and guard nothing.</exception>
    public static async Task HoldAsync(DbContext db, string kind, string key, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"A {kind} lock is held only inside the transaction it guards.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({kind}), hashtext({key}))", cancellationToken);
    }

    /// <summary>
    /// Waits for and holds the locks of several keys of one kind, in one round trip, taken in the keys' order so that two
    /// transactions locking overlapping sets never hold one each of two and wait for the other's.
    /// </summary>
    public static async Task HoldAllAsync(DbContext db, string kind, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"A {kind} lock is held only inside the transaction it guards.");
        }

        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"SELECT count(pg_advisory_xact_lock(hashtext({kind}), hashtext(k.key))) FROM (SELECT key FROM unnest({ordered}) WITH ORDINALITY AS u(key, n) ORDER BY n) k",
            cancellationToken);
    }
}
