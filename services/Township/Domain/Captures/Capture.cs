namespace ReliefPlatform.Township.Domain.Captures;

public enum CaptureKind
{
    /// <summary>走访: a home visit, forwarded to Assessment.</summary>
    Visit,

    /// <summary>服务确认: a resident's confirmation and satisfaction, forwarded to Delivery.</summary>
    Confirmation,

    /// <summary>投诉: a complaint taken at the front desk, forwarded to Delivery.</summary>
    Complaint,

    /// <summary>依申请登记: a household applying at the centre, forwarded to Assessment's registry.</summary>
    Registration,
}

public enum CaptureState
{
    /// <summary>待同步: accepted here, not yet at the hub.</summary>
    Pending,

    /// <summary>已同步: the hub applied it (once: the capture id is its idempotency key).</summary>
    Forwarded,

    /// <summary>冲突: the hub refused it (e.g. the order was already closed); its state stands, and staff are shown why.</summary>
    Conflict,
}

/// <summary>
/// Something the front desk accepted into the township's own database, waiting to reach the hub. Captures of a
/// household are forwarded in the order they were taken; the id is the hub request's Idempotency-Key, so a
/// retry after a lost answer has no second effect.
/// </summary>
public sealed class Capture
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    private Capture()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Order of capture across the township (a database sequence).</summary>
    public long Sequence { get; private set; }

    public CaptureKind Kind { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>The work order or task the capture concerns, if any.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>
    /// The typed record (<see cref="ReliefPlatform.Contracts.Forwarding.IForwardedRecord"/> of the <see cref="Kind"/>) as JSON,
    /// encrypted: complaints and findings may name people or illnesses. Where it goes follows from the kind (<see cref="HubRoute"/>).
    /// </summary>
    public string ProtectedBody { get; private set; } = "";

    public string CapturedBy { get; private set; } = "";

    public DateTimeOffset CapturedAt { get; private set; }

    public CaptureState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Why the last attempt did not get through (an HTTP status or error type, never a body).</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? ForwardedAt { get; private set; }

    /// <summary>The hub's reason when it refused the capture, in Chinese, shown to staff.</summary>
    public string? ConflictReason { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public static Capture Take(CaptureKind kind, Guid householdId, Guid? subjectId, string protectedBody, string by, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            Kind = kind,
            HouseholdId = householdId,
            SubjectId = subjectId,
            ProtectedBody = protectedBody,
            CapturedBy = by,
            CapturedAt = at,
            State = CaptureState.Pending,
        };

    /// <summary>The hub service (service-discovery name) and path this kind of record goes to.</summary>
    public (string Service, string Path) HubRoute => Kind switch
    {
        CaptureKind.Visit => ("assessment", $"/api/assessment/households/{HouseholdId}/visits"),
        CaptureKind.Registration => ("assessment", "/api/assessment/households"),
        CaptureKind.Confirmation => ("delivery", $"/api/delivery/work-orders/{SubjectId}/confirm"),
        CaptureKind.Complaint => ("delivery", "/api/delivery/complaints"),
        _ => throw new InvalidOperationException($"No hub route for {Kind} captures."),
    };

    public bool IsDue(DateTimeOffset now) => State == CaptureState.Pending && (NextAttemptAt is null || NextAttemptAt <= now);

    public void Forwarded(DateTimeOffset at)
    {
        Attempts++;
        State = CaptureState.Forwarded;
        ForwardedAt = at;
        LastError = null;
        NextAttemptAt = null;
    }

    /// <summary>The link failed (hub or network down, or the hub erred): try again later, backing off.</summary>
    public void Failed(string error, DateTimeOffset at)
    {
        Attempts++;
        LastError = error;
        var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(Attempts, 10))));
        NextAttemptAt = at + backoff;
    }

    /// <summary>The hub refused it for good: the hub's state wins; the capture is kept and shown with the reason.</summary>
    public void Conflicted(string reason, DateTimeOffset at)
    {
        Attempts++;
        State = CaptureState.Conflict;
        ConflictReason = reason;
        ForwardedAt = at;
        NextAttemptAt = null;
    }

    public void Acknowledge(string by) => AcknowledgedBy ??= by;
}
