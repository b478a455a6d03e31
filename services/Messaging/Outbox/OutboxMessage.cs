using System.Diagnostics;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the state change
/// that caused it. Its id becomes the message id, which consumers' inboxes deduplicate on.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Database-assigned, so the relay publishes in commit order.</summary>
    public long Sequence { get; private set; }

    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public static OutboxMessage Create<TEvent>(TEvent @event, Activity? activity) where TEvent : class, IIntegrationEvent
    {
        var now = DateTimeOffset.UtcNow;
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = IntegrationEventTypes.NameOf(typeof(TEvent)),
            Payload = IntegrationEventTypes.Serialize(@event, typeof(TEvent)),
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
