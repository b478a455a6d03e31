namespace ReliefPlatform.Security.Audit;

/// <summary>
/// One act on the audit chain (an unmasked read, an approval, a money movement). Each entry's hash
/// covers its content and the previous entry's hash, so changing, removing or reordering any entry
/// breaks every hash after it. Actor and subject are ids, never names or ID numbers.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string? Details { get; private set; }

    public string PreviousHash { get; private set; } = "";

    public string Hash { get; private set; } = "";

    internal static AuditEntry Create(DateTimeOffset at, string actor, string action, string subject, string? details, string previousHash)
    {
        // PostgreSQL keeps microseconds; hash what will be read back.
        var stored = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(at),
            At = stored,
            Actor = actor,
            Action = action,
            Subject = subject,
            Details = details,
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    internal string ComputeHash() => AuditHash.Of(Id, At, Actor, Action, Subject, Details, PreviousHash);
}
