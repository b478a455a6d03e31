using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.Messaging.Inbox;

/// <summary>
/// A consumer whose effect happens once per message id. The inbox record (consumer, message id) and the
/// effect commit in one transaction; a redelivery finds the record and does nothing; two concurrent
/// deliveries serialise on the record's primary key. An exception rolls both back, so MassTransit's
/// bounded retry and then the <c>_error</c> queue see an untouched database.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>Stable name under which this consumer's inbox records are kept.</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        if (!ShouldHandle(context.Message))
        {
            return;
        }

        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be deduplicated.");
        var outcome = await MessageInbox.ApplyOnceAsync(Db, ConsumerName, messageId, async cancellationToken =>
        {
            await HandleAsync(context.Message, cancellationToken);
            return true;
        }, context.CancellationToken);
        if (outcome == InboxOutcome.AlreadyApplied)
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
        }
    }

    /// <summary>Messages this consumer ignores altogether (no inbox record, no effect).</summary>
    protected virtual bool ShouldHandle(TMessage message) => true;

    /// <summary>Applies the message to <see cref="Db"/>; SaveChanges and commit are done by the caller.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {MessageType} {MessageId}: already applied")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId);
}
