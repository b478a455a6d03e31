using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.Referrals;

/// <summary>
/// A referral (转介, 资源链接) of a household to a department or mass organisation for a need outside the
/// catalogue, followed until it is completed or declined — the loop that referral systems usually lose.
/// </summary>
public sealed class Referral : ITownshipOwned
{
    private Referral()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string Department { get; private set; } = "";

    /// <summary>The need, briefly; may touch on health, so it is never logged or sent in events.</summary>
    public string Need { get; private set; } = "";

    public ReferralStatus Status { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public string SentBy { get; private set; } = "";

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>Departments and mass organisations a household can be referred to (the county's shared vocabulary).</summary>
    public static readonly IReadOnlyDictionary<string, string> Departments = ReliefPlatform.Contracts.Departments.Referable;

    public static Referral Send(Guid householdId, string townshipCode, string department, string need, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        Department = department,
        Need = need,
        Status = ReferralStatus.Sent,
        SentAt = at,
        SentBy = by,
    };

    public void Accept(DateTimeOffset at)
    {
        Require("只有已发出的转介可以接收。", ReferralStatus.Sent);
        AcceptedAt = at;
        Status = ReferralStatus.Accepted;
    }

    public void Complete(string outcome, DateTimeOffset at)
    {
        Require("只有已接收的转介可以办结。", ReferralStatus.Accepted);
        Finish(ReferralStatus.Completed, outcome, at);
    }

    public void Decline(string reason, DateTimeOffset at)
    {
        Require("已办结或已退回的转介不能再退回。", ReferralStatus.Sent, ReferralStatus.Accepted);
        Finish(ReferralStatus.Declined, reason, at);
    }

    private void Finish(ReferralStatus to, string outcome, DateTimeOffset at)
    {
        Outcome = outcome;
        FinishedAt = at;
        Status = to;
    }

    private void Require(string message, params ReferralStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidOperationException(message);
        }
    }
}

public enum ReferralStatus
{
    Sent,
    Accepted,
    Completed,
    Declined,
}
