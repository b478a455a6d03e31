namespace ReliefPlatform.Provider.Domain.Volunteers;

/// <summary>
/// One movement in a volunteer's time bank: hours earned for a confirmed service, or redeemed for help received.
/// Immutable; the balance after it is kept so the ledger can be read without summing.
/// </summary>
public sealed class TimeBankEntry
{
    private TimeBankEntry()
    {
    }

    public long Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public TimeBankEntryKind Kind { get; private set; }

    /// <summary>Positive for earned hours, negative for redeemed.</summary>
    public decimal Hours { get; private set; }

    public decimal BalanceAfter { get; private set; }

    /// <summary>What it is for: a work order id, a redemption note; unique per volunteer for earned hours, so a service is credited once.</summary>
    public string Reference { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static TimeBankEntry Create(Guid volunteerId, TimeBankEntryKind kind, decimal hours, decimal balanceAfter, string reference, string by, DateTimeOffset at) =>
        new() { VolunteerId = volunteerId, Kind = kind, Hours = hours, BalanceAfter = balanceAfter, Reference = reference, By = by, At = at };
}

public enum TimeBankEntryKind
{
    /// <summary>服务获得</summary>
    Earned,

    /// <summary>兑换使用</summary>
    Redeemed,
}
