using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// Signals the relay once outbox rows are durable: after SaveChanges outside a transaction, or after the
/// enclosing transaction commits. The relay never sits on the request path.
/// </summary>
public sealed class OutboxInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && HasOutboxRows(context))
        {
            signal.Notify();
        }

        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && HasOutboxRows(context))
        {
            signal.Notify();
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && HasOutboxRows(context))
        {
            signal.Notify();
        }

        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && HasOutboxRows(context))
        {
            signal.Notify();
        }
    }

    private static bool HasOutboxRows(DbContext context) => context.ChangeTracker.Entries<OutboxMessage>().Any();
}
