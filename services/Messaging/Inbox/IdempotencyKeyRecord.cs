namespace ReliefPlatform.Messaging.Inbox;

/// <summary>
/// A request's <c>Idempotency-Key</c> as the service kept it, in the transaction of the request's effect: who sent it,
/// to which operation, a fingerprint of the request, and the first answer (sealed with a key only that same request
/// yields). Written with SQL by <see cref="IdempotencyKeyFilter"/>; mapped so that it migrates with the service.
/// </summary>
public sealed class IdempotencyKeyRecord
{
    private IdempotencyKeyRecord()
    {
    }

    public Guid Key { get; private set; }

    /// <summary>The token's subject: a user's id, or the client id of a service calling as the county's services.</summary>
    public string Caller { get; private set; } = "";

    /// <summary>The endpoint's name, e.g. <c>TakeComplaint</c>.</summary>
    public string Operation { get; private set; } = "";

    public string Fingerprint { get; private set; } = "";

    /// <summary>The first answer's status; 0 for a key recorded before keys were bound to their request (it matches nothing).</summary>
    public int Status { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    /// <summary>The first answer's body, sealed; see <c>IdempotentRequest.Seal</c>.</summary>
    public string? Answer { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
