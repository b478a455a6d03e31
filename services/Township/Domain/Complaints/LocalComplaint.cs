namespace ReliefPlatform.Township.Domain.Complaints;

/// <summary>A complaint about a service in this township (the category and deadline only; what was said stays at the hub).</summary>
public sealed class LocalComplaint
{
    private LocalComplaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string Category { get; private set; } = "";

    public DateTimeOffset DueBy { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>When the resident accepted the resolution (the hub closed it).</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public void Closed(DateTimeOffset at) => ClosedAt ??= at;

    /// <summary>The complaint as raised, when its closing was heard first: what was missing is filled in, the closing stands.</summary>
    public void Raised(string category, DateTimeOffset dueBy, DateTimeOffset receivedAt)
    {
        if (Category.Length > 0)
        {
            return;
        }

        Category = category;
        DueBy = dueBy;
        ReceivedAt = receivedAt;
    }

    /// <summary>A complaint whose closing was heard before it was raised: known closed, the rest to come.</summary>
    public static LocalComplaint HeardClosed(Guid id, Guid householdId, DateTimeOffset closedAt) => new()
    {
        Id = id,
        HouseholdId = householdId,
        DueBy = closedAt,
        ReceivedAt = closedAt,
        ClosedAt = closedAt,
    };

    public static LocalComplaint Heard(Guid id, Guid householdId, string category, DateTimeOffset dueBy, DateTimeOffset receivedAt) => new()
    {
        Id = id,
        HouseholdId = householdId,
        Category = category,
        DueBy = dueBy,
        ReceivedAt = receivedAt,
    };
}
