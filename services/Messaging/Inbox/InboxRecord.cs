namespace ReliefPlatform.Messaging.Inbox;

/// <summary>Proof that a consumer has applied a message; written in the same transaction as the effect.</summary>
public sealed class InboxRecord
{
    private InboxRecord()
    {
    }

    public string Consumer { get; private set; } = "";

    public Guid MessageId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
}
