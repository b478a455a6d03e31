using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefPlatform.Provider.Domain.Volunteers;

namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>
/// Moves hours in and out of a volunteer's time bank. The balance changes in one UPDATE that adds the hours and
/// refuses to go below zero, together with the ledger entry in one transaction: concurrent credits queue on the
/// row lock, none is lost, and the ledger always sums to the balance.
/// </summary>
public static class TimeBank
{
    public enum Outcome
    {
        Moved,
        AlreadyCredited,
        NotEnoughHours,
        NotFound,
    }

    public static async Task<(Outcome Outcome, TimeBankEntry? Entry)> MoveAsync(
        ProviderDbContext db, Guid volunteerId, TimeBankEntryKind kind, decimal hours, string reference, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The wall applies: a township-bound caller cannot move another township's volunteer's hours.
        if (!await db.Volunteers.AnyAsync(v => v.Id == volunteerId, cancellationToken))
        {
            return (Outcome.NotFound, null);
        }

        var entry = await ApplyAsync(db, volunteerId, kind, hours, reference, by, at, cancellationToken);
        if (entry is null)
        {
            return (Outcome.NotEnoughHours, null);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // This service was credited before: the rollback undoes the balance change too.
            await transaction.RollbackAsync(cancellationToken);
            return (Outcome.AlreadyCredited, null);
        }

        await transaction.CommitAsync(cancellationToken);
        return (Outcome.Moved, entry);
    }

    /// <summary>The balance change and its entry, in the caller's transaction (saved by the caller); null when the balance is too low.</summary>
    public static async Task<TimeBankEntry?> ApplyAsync(
        ProviderDbContext db, Guid volunteerId, TimeBankEntryKind kind, decimal hours, string reference, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var delta = kind == TimeBankEntryKind.Earned ? hours : -hours;
        var balances = await db.Database.SqlQuery<decimal>(
                $"UPDATE volunteers SET \"Balance\" = \"Balance\" + {delta} WHERE \"Id\" = {volunteerId} AND \"Balance\" + {delta} >= 0 RETURNING \"Balance\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (balances.Count == 0)
        {
            return null;
        }

        var entry = TimeBankEntry.Create(volunteerId, kind, delta, balances[0], reference, by, at);
        db.TimeBank.Add(entry);
        return entry;
    }
}
