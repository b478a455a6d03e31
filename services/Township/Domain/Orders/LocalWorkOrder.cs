namespace ReliefPlatform.Township.Domain.Orders;

/// <summary>Where the hub's work order stands, as far as the township has heard. Only ever moves forward.</summary>
public enum HubOrderStatus
{
    /// <summary>已下单 (funds and service to come)</summary>
    Ordered,

    /// <summary>已派单: funded, with the provider</summary>
    Assigned,

    /// <summary>已服务，待确认</summary>
    Delivered,

    /// <summary>已确认</summary>
    Confirmed,

    /// <summary>已取消</summary>
    Cancelled,
}

/// <summary>A work order for a household of this township: what the staff follow up and confirm at the front desk.</summary>
public sealed class LocalWorkOrder
{
    private LocalWorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string ProviderId { get; private set; } = "";

    public int Units { get; private set; }

    public HubOrderStatus Status { get; private set; }

    public int? Minutes { get; private set; }

    public bool FlaggedShort { get; private set; }

    /// <summary>Why the hub flagged the provider's record (short, missing-content, no-evidence, no-location, location-moved) — worth asking the resident about.</summary>
    public string[] RecordFlags { get; private set; } = [];

    public int? Satisfaction { get; private set; }

    /// <summary>When the resident confirmed it here; set until the hub's answer arrives (or is refused).</summary>
    public DateTimeOffset? ConfirmedHereAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The deadline the hub says the order passed (<c>response</c> or <c>completion</c>), while it is still open.</summary>
    public string? OverdueDeadline { get; private set; }

    public DateTimeOffset? OverdueSince { get; private set; }

    /// <summary>When the order last moved to another provider; a lateness of the provider before is no longer followed up.</summary>
    public DateTimeOffset? ReassignedAt { get; private set; }

    /// <summary>Late and not yet delivered or cancelled: to follow up with the provider.</summary>
    public bool NeedsFollowUp => OverdueDeadline is not null && Status is HubOrderStatus.Ordered or HubOrderStatus.Assigned;

    public void Assigned(DateTimeOffset at) => MoveTo(HubOrderStatus.Assigned, at);

    /// <summary>Another provider has the order now; its deadlines start again, so it is no longer late.</summary>
    public void Reassigned(string providerId, DateTimeOffset at)
    {
        if (ReassignedAt is { } known && known > at)
        {
            return;
        }

        ProviderId = providerId;
        ReassignedAt = at;
        if (OverdueSince is { } due && due <= at)
        {
            OverdueDeadline = null;
            OverdueSince = null;
        }

        MoveTo(HubOrderStatus.Assigned, at);
    }

    /// <summary>What an earlier-arriving event (a cancellation, a missed deadline) could not say about the order.</summary>
    public void Learn(string itemCode, string providerId)
    {
        if (ItemCode.Length == 0)
        {
            ItemCode = itemCode;
        }

        if (ProviderId.Length == 0)
        {
            ProviderId = providerId;
        }
    }

    /// <summary>The ordered units, when an earlier event (which does not carry them) made the order known first.</summary>
    public void OrderedUnits(int units)
    {
        if (Units == 0)
        {
            Units = units;
        }
    }

    /// <summary>The hub found a deadline passed; one that fell due before a reassignment concerns the provider before.</summary>
    public void Overdue(string deadline, DateTimeOffset due, DateTimeOffset at)
    {
        Touch(at);
        if (ReassignedAt is { } reassigned && due <= reassigned)
        {
            return;
        }

        OverdueDeadline = deadline;
        OverdueSince = due;
    }

    public static LocalWorkOrder Heard(Guid id, Guid householdId, string itemCode, string providerId, int units, DateTimeOffset at) => new()
    {
        Id = id,
        HouseholdId = householdId,
        ItemCode = itemCode,
        ProviderId = providerId,
        Units = units,
        Status = HubOrderStatus.Ordered,
        UpdatedAt = at,
    };

    public void Delivered(int units, int minutes, bool flaggedShort, DateTimeOffset at, IEnumerable<string>? recordFlags = null)
    {
        Units = units;
        Minutes = minutes;
        FlaggedShort = flaggedShort;
        RecordFlags = [.. recordFlags ?? []];
        MoveTo(HubOrderStatus.Delivered, at);
    }

    public void Confirmed(int satisfaction, DateTimeOffset at)
    {
        Satisfaction = satisfaction;
        ConfirmedHereAt = null;
        MoveTo(HubOrderStatus.Confirmed, at);
    }

    public void Cancelled(DateTimeOffset at) => MoveTo(HubOrderStatus.Cancelled, at);

    /// <summary>Waiting for the resident: delivered, not yet confirmed here or at the hub.</summary>
    public bool AwaitsConfirmation => Status == HubOrderStatus.Delivered && ConfirmedHereAt is null;

    public void ConfirmHere(int satisfaction, DateTimeOffset at)
    {
        Satisfaction = satisfaction;
        ConfirmedHereAt = at;
        UpdatedAt = at;
    }

    /// <summary>The hub refused the confirmation taken here: its state stands, the order is no longer pending here.</summary>
    public void ConfirmationRefused(DateTimeOffset at)
    {
        ConfirmedHereAt = null;
        UpdatedAt = at;
    }

    private void MoveTo(HubOrderStatus status, DateTimeOffset at)
    {
        // Events may arrive out of order; a later state is never undone by an earlier one.
        if (status > Status)
        {
            Status = status;
        }

        Touch(at);
    }

    /// <summary>The time of the latest event heard about the order, whatever order they came in.</summary>
    private void Touch(DateTimeOffset at)
    {
        if (at > UpdatedAt)
        {
            UpdatedAt = at;
        }
    }
}
