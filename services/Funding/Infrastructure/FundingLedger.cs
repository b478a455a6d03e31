using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.Funding.Infrastructure;

/// <summary>
/// Writes a money movement: each line's totals change in one conditional UPDATE that refuses to take available
/// money below zero (concurrent commitments queue on the row and never overspend), the entries are inserted,
/// and the movement goes on the audit chain — all in the caller's transaction.
/// </summary>
public static class FundingLedger
{
    /// <summary>False when a line has too little available; the caller must roll back.</summary>
    public static async Task<bool> PostAsync(
        FundingDbContext db, IReadOnlyList<Posting> postings, MovementKind kind, string reference, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A money movement must be posted inside a transaction.");
        }

        if (postings.Sum(p => p.Amount) != 0m)
        {
            throw new InvalidOperationException("Postings of a movement must sum to zero.");
        }

        // Lines in a fixed order, so two movements touching the same two lines cannot deadlock.
        foreach (var delta in Postings.Deltas(postings).OrderBy(d => d.LineId))
        {
            var changed = await db.Database.ExecuteSqlAsync($"""
                UPDATE budget_lines
                SET "Allocated" = "Allocated" + {delta.Allocated}, "Committed" = "Committed" + {delta.Committed}, "Spent" = "Spent" + {delta.Spent}
                WHERE "Id" = {delta.LineId}
                  AND "Allocated" + {delta.Allocated} - ("Committed" + {delta.Committed}) - ("Spent" + {delta.Spent}) >= 0
                """, cancellationToken);
            if (changed == 0)
            {
                return false;
            }
        }

        var at = time.GetUtcNow();
        var transactionId = Guid.CreateVersion7(at);
        db.Ledger.AddRange(postings.Select(p => LedgerEntry.Post(transactionId, p.LineId, p.Account, p.Amount, kind, reference, by, at)));
        var moved = postings.Where(p => p.Amount > 0).Sum(p => p.Amount);
        await AuditTrail.AppendAsync(db, time, by, $"funds.{kind.ToString().ToLowerInvariant()}", $"ledger:{transactionId}",
            $"reference={reference}; amount={moved:0.00}", cancellationToken);
        return true;
    }
}
