using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Provider.Domain.Pairings;

/// <summary>
/// 对口结对: a cadre, party member, volunteer or organisation paired with a household for regular visits over a
/// period. A household has at most one pairer of each kind at a time; visits are recorded against the pairing.
/// </summary>
public sealed class Pairing : ITownshipOwned
{
    private readonly List<PairingVisit> _visits = [];

    private Pairing()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public PairerKind PairerKind { get; private set; }

    /// <summary>The provider (organisation) or volunteer paired, when the pairer is registered in the network.</summary>
    public Guid? PairerId { get; private set; }

    /// <summary>A cadre's or party member's name, encrypted; shown masked.</summary>
    public string? ProtectedPairerName { get; private set; }

    public string PairerNameMasked { get; private set; } = "";

    public int VisitsPerMonth { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? Until { get; private set; }

    public string? EndReason { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public IReadOnlyList<PairingVisit> Visits => _visits;

    public static Pairing Pair(
        Guid householdId, string townshipCode, PairerKind kind, Guid? pairerId, string? protectedPairerName, string pairerNameMasked, int visitsPerMonth,
        DateOnly from, DateOnly? until, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        PairerKind = kind,
        PairerId = pairerId,
        ProtectedPairerName = protectedPairerName,
        PairerNameMasked = pairerNameMasked,
        VisitsPerMonth = visitsPerMonth,
        From = from,
        Until = until,
        CreatedBy = by,
    };

    /// <summary>Whether two periods share a day; an open end runs for ever.</summary>
    public static bool Overlaps(DateOnly fromA, DateOnly? untilA, DateOnly fromB, DateOnly? untilB) =>
        fromA <= (untilB ?? DateOnly.MaxValue) && fromB <= (untilA ?? DateOnly.MaxValue);

    /// <summary>How often the pairer visits, changed while the pairing lasts; an ended pairing stays as it was.</summary>
    public void ChangeVisits(int visitsPerMonth)
    {
        if (EndReason is not null)
        {
            throw new InvalidOperationException("结对已经结束，不能再修改。");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(visitsPerMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visitsPerMonth, 31);
        VisitsPerMonth = visitsPerMonth;
    }

    public void End(DateOnly on, string reason)
    {
        if (on < From)
        {
            throw new ArgumentOutOfRangeException(nameof(on), "结束日期不能早于结对开始日期。");
        }

        Until = Until is { } until && until < on ? until : on;
        EndReason = reason;
    }

    public PairingVisit RecordVisit(DateOnly visitedOn, string summary, string by, DateTimeOffset at)
    {
        var visit = PairingVisit.Record(Id, visitedOn, summary, by, at);
        _visits.Add(visit);
        return visit;
    }
}

public enum PairerKind
{
    /// <summary>干部</summary>
    Cadre,

    /// <summary>党员</summary>
    PartyMember,

    /// <summary>志愿者</summary>
    Volunteer,

    /// <summary>组织（社会组织、企业、群团）</summary>
    Organisation,
}

/// <summary>A visit the pairer made to the household.</summary>
public sealed class PairingVisit
{
    private PairingVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid PairingId { get; private set; }

    public DateOnly VisitedOn { get; private set; }

    /// <summary>What was found and done, briefly; may touch on health, so it is never logged or sent in events.</summary>
    public string Summary { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    internal static PairingVisit Record(Guid pairingId, DateOnly visitedOn, string summary, string by, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(at), PairingId = pairingId, VisitedOn = visitedOn, Summary = summary, RecordedBy = by, RecordedAt = at };
}
