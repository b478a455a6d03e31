using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.Plans;

/// <summary>
/// A household's service plan (服务计划), drafted from the catalogue's matching when an assessment is approved:
/// the items it qualifies for at the standard that applies, each with the reasons. A caseworker includes or
/// leaves out lines; someone other than the last editor approves it. A newer assessment's plan supersedes it,
/// and the old one stays readable. Caseworkers own it: they add an item the household is eligible for, remove one or
/// lower a line's frequency within the item's standard, each with a reason. It lasts until the next reassessment
/// (<see cref="ReviewOn"/>), when a new assessment's plan supersedes it.
/// </summary>
public sealed class ServicePlan : ITownshipOwned
{
    private readonly List<PlanLine> _lines = [];

    private ServicePlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public Guid AssessmentId { get; private set; }

    public int CatalogueVersion { get; private set; }

    public PlanStatus Status { get; private set; }

    /// <summary>Every catalogue item considered, with whether it matched and why (the matching's answer, as JSON).</summary>
    public string Considered { get; private set; } = "[]";

    public DateTimeOffset DraftedAt { get; private set; }

    public string? EditedBy { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>The household's next reassessment is due then: the plan is reviewed, and no period starting on or after it is ordered.</summary>
    public DateOnly? ReviewOn { get; private set; }

    public IReadOnlyList<PlanLine> Lines => _lines;

    /// <summary>Whether orders are still made for a period starting on <paramref name="day"/>.</summary>
    public bool RunsOn(DateOnly day) => Status == PlanStatus.Approved && (ReviewOn is null || day < ReviewOn);

    public static ServicePlan Draft(
        Guid householdId, string townshipCode, Guid assessmentId, int catalogueVersion, IEnumerable<PlanLine.Proposal> lines, string considered, DateTimeOffset at,
        DateOnly? reviewOn = null)
    {
        var plan = new ServicePlan
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            TownshipCode = townshipCode,
            AssessmentId = assessmentId,
            CatalogueVersion = catalogueVersion,
            Status = PlanStatus.Draft,
            Considered = considered,
            DraftedAt = at,
            ReviewOn = reviewOn,
        };
        plan._lines.AddRange(lines.Select(l => PlanLine.From(plan.Id, l)));
        return plan;
    }

    public void Include(string itemCode, bool included, string? note, string by)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new InvalidOperationException("只有草稿状态的服务计划可以修改。");
        }

        var line = _lines.Find(l => l.ItemCode == itemCode) ?? throw new KeyNotFoundException(itemCode);
        line.Decide(included, note);
        EditedBy = by;
    }

    /// <summary>
    /// A caseworker adds an item the catalogue's matching found the household eligible for (the caller asked it), at the
    /// standard that applies, with the reason. A line left out or removed earlier is put back; an approved plan's new line
    /// is then matched to a provider.
    /// </summary>
    public PlanLine AddItem(PlanLine.Proposal proposal, string reason, string by)
    {
        RequireOwnable();
        if (_lines.Find(l => l.ItemCode == proposal.ItemCode) is { } existing)
        {
            if (existing.Included)
            {
                throw new InvalidOperationException("该服务事项已在服务计划中。");
            }

            existing.Restore(proposal, reason);
            EditedBy = by;
            return existing;
        }

        var line = PlanLine.From(Id, proposal);
        line.Decide(true, reason);
        _lines.Add(line);
        EditedBy = by;
        return line;
    }

    /// <summary>Takes a line out, with the reason: no further periods are ordered for it (the caller cancels its orders not yet started).</summary>
    public PlanLine RemoveLine(string itemCode, string reason, string by)
    {
        RequireOwnable();
        var line = _lines.Find(l => l.ItemCode == itemCode && l.Included) ?? throw new KeyNotFoundException(itemCode);
        if (Status == PlanStatus.Approved && _lines.Count(l => l.Included) == 1)
        {
            throw new InvalidOperationException("服务计划至少要包含一项服务；不再需要服务的，请在复评时调整。");
        }

        line.Decide(false, reason);
        EditedBy = by;
        return line;
    }

    /// <summary>Sets how many sessions per period a line gets: at least one, at most the item's standard for this household.</summary>
    public PlanLine ChangeFrequency(string itemCode, int times, string reason, string by)
    {
        RequireOwnable();
        var line = _lines.Find(l => l.ItemCode == itemCode && l.Included) ?? throw new KeyNotFoundException(itemCode);
        if (times < 1 || times > line.StandardTimes)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, line.FrequencyRange);
        }

        line.Reschedule(times, reason);
        EditedBy = by;
        return line;
    }

    private void RequireOwnable()
    {
        if (Status == PlanStatus.Superseded)
        {
            throw new InvalidOperationException("该服务计划已被新的评估取代，请修改新的服务计划。");
        }
    }

    public void Approve(string by, DateTimeOffset at)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new InvalidOperationException(Status == PlanStatus.Approved ? "该服务计划已经审批。" : "该服务计划已被新的评估取代。");
        }

        if (by == EditedBy)
        {
            throw new InvalidOperationException("修改服务计划的人不能审批它，须由另一人审批。");
        }

        if (!_lines.Exists(l => l.Included))
        {
            throw new InvalidOperationException("服务计划至少要包含一项服务。");
        }

        Status = PlanStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = at;
    }

    public void Supersede() => Status = PlanStatus.Superseded;

    /// <summary>Records, for an approved plan's line, the provider chosen (and its work order) or why none could be.</summary>
    public void RecordMatch(string itemCode, string? providerId, Guid? workOrderId, string explanation) =>
        ApprovedLine(itemCode).Match(providerId, workOrderId, explanation);

    /// <summary>
    /// Matching could not be done now (the provider network did not answer): the line waits, visibly, and is matched
    /// again automatically from <paramref name="retryAt"/>. Not an unmet need — nobody has said no.
    /// </summary>
    public void MatchLater(string itemCode, string explanation, DateTimeOffset retryAt) => ApprovedLine(itemCode).Wait(explanation, retryAt);

    /// <summary>
    /// The line's provider lost its standing (suspended or terminated), or came back after it had lost the line: the line is
    /// matched afresh from <paramref name="at"/> (the plan rematcher asks the matcher), remembering which provider it lost.
    /// </summary>
    public void Rematch(string itemCode, string lostProviderId, string explanation, DateTimeOffset at) =>
        ApprovedLine(itemCode).Release(lostProviderId, explanation, at);

    private PlanLine ApprovedLine(string itemCode)
    {
        if (Status != PlanStatus.Approved)
        {
            throw new InvalidOperationException("只有已审批的服务计划可以匹配服务主体。");
        }

        return _lines.Find(l => l.ItemCode == itemCode) ?? throw new KeyNotFoundException(itemCode);
    }
}

public enum PlanStatus
{
    Draft,
    Approved,
    Superseded,
}

/// <summary>One item of a plan, at the standard that applies to this household.</summary>
public sealed class PlanLine
{
    private PlanLine()
    {
    }

    public Guid PlanId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string ItemName { get; private set; } = "";

    public int Times { get; private set; }

    public string Per { get; private set; } = "";

    /// <summary>Sessions per period the item's standard gives this household (after any overlap reduction): the most a caseworker may set.</summary>
    public int StandardTimes { get; private set; }

    /// <summary>The range a caseworker may set the frequency in, in words.</summary>
    public string FrequencyRange => $"该事项的服务标准为{PeriodName(Per)}{StandardTimes}次，频次应为 1–{StandardTimes} 次。";

    public int MinutesPerSession { get; private set; }

    /// <summary>Why it is proposed (the matching's reasons joined), and any overlap note.</summary>
    public string Reasons { get; private set; } = "";

    public bool Included { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The provider matched for an approved plan's line; null while unmatched.</summary>
    public string? ProviderId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    /// <summary>Why this provider — or, with no provider, why the need is unmet (visible to the county).</summary>
    public string? MatchExplanation { get; private set; }

    /// <summary>What every session must include (the catalogue's standard); copied onto the line's work orders.</summary>
    public string[] RequiredContent { get; private set; } = [];

    /// <summary>Set while matching waits for the provider network; the line is matched again from then on.</summary>
    public DateTimeOffset? MatchRetryAt { get; private set; }

    public int MatchAttempts { get; private set; }

    /// <summary>When the line's recurrence last claimed a period for it (ordered, or found unmet).</summary>
    public DateTimeOffset? LastClaimedAt { get; private set; }

    /// <summary>
    /// Why the line's latest order or period found no service although a provider was matched: <c>no-funds</c> (no budget could
    /// reserve its money), <c>no-contract</c> (no contract covered the period) or <c>contract-cap</c> (its contract had no units left); or <c>provider-suspended</c>: its provider lost its
    /// standing and nobody else could take the line. Cleared when a later order of the line is funded or the line is matched again.
    /// </summary>
    public string? UnmetReason { get; private set; }

    /// <summary>
    /// The provider the line lost when it was suspended or left the network, until the line is matched to a provider again: an
    /// unmet line names it (reason <c>provider-suspended</c>), and the line is matched again when that provider is reinstated.
    /// </summary>
    public string? LostProviderId { get; private set; }

    public bool Unmet => Included && ((ProviderId is null && MatchExplanation is not null && MatchRetryAt is null) || UnmetReason is not null);

    public bool AwaitingMatch => Included && WorkOrderId is null && MatchRetryAt is not null;

    public sealed record Proposal(
        string ItemCode, string ItemName, int Times, string Per, int MinutesPerSession, string Reasons, IReadOnlyList<string>? RequiredContent = null);

    internal static PlanLine From(Guid planId, Proposal p) => new()
    {
        PlanId = planId,
        ItemCode = p.ItemCode,
        ItemName = p.ItemName,
        Times = p.Times,
        StandardTimes = p.Times,
        Per = p.Per,
        MinutesPerSession = p.MinutesPerSession,
        Reasons = p.Reasons,
        RequiredContent = [.. p.RequiredContent ?? []],
        Included = true,
    };

    /// <summary>The line's order or period found no service (<see cref="UnmetReason"/>): an unmet need until a later one is funded.</summary>
    public void NotServed(string reasonCode) => UnmetReason = reasonCode;

    /// <summary>An order of the line had its money reserved: the need is met again.</summary>
    public void Served() => UnmetReason = null;

    internal void Match(string? providerId, Guid? workOrderId, string explanation)
    {
        UnmetReason = null;
        LostProviderId = providerId is null ? LostProviderId : null;
        ProviderId = providerId;
        WorkOrderId = workOrderId;
        MatchExplanation = explanation;
        MatchRetryAt = null;
        MatchAttempts++;
    }

    internal void Wait(string explanation, DateTimeOffset retryAt)
    {
        ProviderId = null;
        MatchExplanation = explanation;
        MatchRetryAt = retryAt;
        MatchAttempts++;
    }

    /// <summary>Unmatched and waiting for the rematcher from <paramref name="at"/>, with a fresh back-off; its periods not yet ordered wait too.</summary>
    internal void Release(string lostProviderId, string explanation, DateTimeOffset at)
    {
        ProviderId = null;
        WorkOrderId = null;
        UnmetReason = null;
        LostProviderId = lostProviderId;
        MatchExplanation = explanation;
        MatchRetryAt = at;
        MatchAttempts = 0;
    }

    internal void Decide(bool included, string? note)
    {
        Included = included;
        Note = note;
    }

    /// <summary>
    /// The recurrence claimed a period for this line: the line is saved with the claim, so a caseworker's edit of the line
    /// (removal, a new frequency) and a claim made from what the line was before cannot both be saved.
    /// </summary>
    public void Claimed(DateTimeOffset at) => LastClaimedAt = at;

    internal void Reschedule(int times, string note)
    {
        Times = times;
        Note = note;
    }

    /// <summary>Back in the plan at the standard that applies now, to be matched afresh.</summary>
    internal void Restore(Proposal p, string note)
    {
        ItemName = p.ItemName;
        Times = p.Times;
        StandardTimes = p.Times;
        Per = p.Per;
        MinutesPerSession = p.MinutesPerSession;
        Reasons = p.Reasons;
        RequiredContent = [.. p.RequiredContent ?? []];
        ProviderId = null;
        WorkOrderId = null;
        MatchExplanation = null;
        MatchRetryAt = null;
        UnmetReason = null;
        LostProviderId = null;
        Decide(true, note);
    }

    private static string PeriodName(string per) => per switch
    {
        "Day" => "每天",
        "Week" => "每周",
        "Month" => "每月",
        "Quarter" => "每季度",
        "Year" => "每年",
        _ => "每个评估周期",
    };
}
