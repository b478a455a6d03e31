using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.Messaging.Inbox;

/// <summary>What became of a message offered to <see cref="MessageInbox.ApplyOnceAsync"/>.</summary>
public enum InboxOutcome
{
    /// <summary>Applied now, together with its inbox record.</summary>
    Applied,

    /// <summary>Applied before (a redelivery or a retried request): nothing done this time.</summary>
    AlreadyApplied,

    /// <summary>The effect refused it; nothing was written, so a later retry is judged afresh.</summary>
    Refused,
}

/// <summary>
/// The inbox: a message's effect and its (consumer, message id) record commit in one transaction, so the same
/// message — an event redelivered by the broker — has one effect. (Requests with an Idempotency-Key keep theirs
/// with their caller and answer: see <see cref="IdempotencyKeyFilter"/>.)
/// </summary>
public static class MessageInbox
{
    /// <param name="apply">Stages the effect on <paramref name="db"/>; false refuses the message (everything is rolled back).</param>
    public static async Task<InboxOutcome> ApplyOnceAsync(
        DbContext db, string consumer, Guid messageId, Func<CancellationToken, Task<bool>> apply, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (consumer, message_id, received_at) VALUES ({consumer}, {messageId}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (recorded == 0)
        {
            return InboxOutcome.AlreadyApplied;
        }

        if (!await apply(cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return InboxOutcome.Refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return InboxOutcome.Applied;
    }
}
