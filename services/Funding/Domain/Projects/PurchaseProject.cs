namespace ReliefPlatform.Funding.Domain.Projects;

/// <summary>Where a purchase project stands (政府购买服务项目).</summary>
public enum ProjectStage
{
    /// <summary>立项申请: proposed, waiting for a second person's approval.</summary>
    Proposed,

    /// <summary>已立项: goals, items, townships and budget approved; providers selected and contracts awarded under it.</summary>
    Initiated,

    /// <summary>中期评估: progress, spend, satisfaction and complaints reviewed.</summary>
    MidTermReviewed,

    /// <summary>整改: the acceptance found it wanting; to be accepted again.</summary>
    Rectifying,

    /// <summary>已验收: accepted (passed or failed, see the outcome).</summary>
    Accepted,

    /// <summary>已结项</summary>
    Closed,
}

/// <summary>The result of an acceptance (验收).</summary>
public enum AcceptanceOutcome
{
    Pass,
    Rectify,
    Fail,
}

/// <summary>
/// An acceptance's scored evaluation (满分 100): completion of the contracted services (30), the recipients'
/// satisfaction (30), use of funds (20), records and files (20). ≥ 80 passes, 60–79 must rectify, below 60 fails.
/// </summary>
public sealed record AcceptanceScores(int Completion, int Satisfaction, int Funds, int Records)
{
    public const int PassMark = 80;
    public const int RectifyMark = 60;

    public static readonly IReadOnlyDictionary<string, int> Maxima = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["completion"] = 30, ["satisfaction"] = 30, ["funds"] = 20, ["records"] = 20,
    };

    public int Total => Completion + Satisfaction + Funds + Records;

    /// <summary>
    /// The satisfaction criterion from the project's real confirmations: 30 × the share of scored confirmations at 4–5
    /// (rounded half up); none scored, none earned.
    /// </summary>
    public static int SatisfactionPoints(decimal? satisfiedShare) =>
        satisfiedShare is { } share ? (int)decimal.Round(Maxima["satisfaction"] * share, 0, MidpointRounding.AwayFromZero) : 0;

    public AcceptanceOutcome Outcome => Total >= PassMark ? AcceptanceOutcome.Pass : Total >= RectifyMark ? AcceptanceOutcome.Rectify : AcceptanceOutcome.Fail;

    /// <summary>Criteria outside 0…their maximum.</summary>
    public IEnumerable<string> OutOfRange()
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["completion"] = Completion, ["satisfaction"] = Satisfaction, ["funds"] = Funds, ["records"] = Records,
        };
        return values.Where(v => v.Value < 0 || v.Value > Maxima[v.Key]).Select(v => v.Key);
    }
}

public sealed class ProjectStateException(string message) : InvalidOperationException(message);

/// <summary>
/// A government purchase-of-services project from 立项 to 结项. Every stage is proposed by one person with its
/// findings and documents and takes effect only when a second person approves it; the history is kept.
/// </summary>
public sealed class PurchaseProject
{
    private readonly List<ProjectStageRecord> _records = [];

    private PurchaseProject()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Goals { get; private set; } = "";

    public List<string> Items { get; private set; } = [];

    public List<string> Townships { get; private set; } = [];

    public decimal Budget { get; private set; }

    public ProjectStage Stage { get; private set; }

    public AcceptanceOutcome? Outcome { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<ProjectStageRecord> Records => _records;

    public ProjectStageRecord? Pending => _records.FirstOrDefault(r => r.Status == ProposalStatus.Proposed);

    /// <summary>Failed its acceptance (验收不合格) or closed (结项): no new contracts, orders or reservations under it; open orders finish.</summary>
    public bool IsShut => Stage == ProjectStage.Closed || (Stage == ProjectStage.Accepted && Outcome == AcceptanceOutcome.Fail);

    /// <summary>Contracts are awarded only under a project that passed 立项 and is not shut.</summary>
    public bool MayAwardContracts => Stage != ProjectStage.Proposed && !IsShut;

    public static PurchaseProject Propose(
        int year, string code, string name, string goals, IEnumerable<string> items, IEnumerable<string> townships, decimal budget,
        IReadOnlyList<string> documents, string by, DateTimeOffset at)
    {
        var project = new PurchaseProject
        {
            Id = Guid.CreateVersion7(at),
            Year = year,
            Code = code,
            Name = name,
            Goals = goals,
            Items = [.. items.Distinct(StringComparer.Ordinal)],
            Townships = [.. townships.Distinct(StringComparer.Ordinal)],
            Budget = budget,
            Stage = ProjectStage.Proposed,
            CreatedAt = at,
        };
        project._records.Add(ProjectStageRecord.Propose(project.Id, ProjectStage.Initiated, "立项申请", documents, null, null, by, at));
        return project;
    }

    /// <summary>The stages that may be proposed next.</summary>
    public IReadOnlyList<ProjectStage> NextStages() => Pending is not null ? [] : Stage switch
    {
        ProjectStage.Proposed => [ProjectStage.Initiated],
        ProjectStage.Initiated => [ProjectStage.MidTermReviewed],
        ProjectStage.MidTermReviewed or ProjectStage.Rectifying => [ProjectStage.Accepted],
        ProjectStage.Accepted => [ProjectStage.Closed],
        _ => [],
    };

    /// <summary>Proposes the next stage with what was found and the documents behind it (an acceptance with its scores).</summary>
    public ProjectStageRecord ProposeStage(
        ProjectStage to, string findings, IReadOnlyList<string> documents, AcceptanceScores? scores, string? figures, string by, DateTimeOffset at)
    {
        if (Pending is not null)
        {
            throw new ProjectStateException("该项目已有待审批的阶段申请，审批或退回后才能再提。");
        }

        if (!NextStages().Contains(to))
        {
            throw new ProjectStateException($"项目当前为“{StageName(Stage)}”，不能申请进入“{StageName(to)}”。");
        }

        if (to == ProjectStage.Accepted && scores is null)
        {
            throw new ProjectStateException("验收须按评分标准打分（含服务对象满意度）。");
        }

        var record = ProjectStageRecord.Propose(Id, to, findings, documents, scores, figures, by, at);
        _records.Add(record);
        return record;
    }

    /// <summary>A second person approves the pending stage: it takes effect. Returns the stage the project left.</summary>
    public ProjectStage Approve(string by, DateTimeOffset at)
    {
        var pending = Pending ?? throw new ProjectStateException("没有待审批的阶段申请。");
        pending.Decide(approved: true, by, at, null);
        var from = Stage;
        if (pending.To == ProjectStage.Accepted)
        {
            Outcome = pending.Scores!.Outcome;
            Stage = Outcome == AcceptanceOutcome.Rectify ? ProjectStage.Rectifying : ProjectStage.Accepted;
        }
        else
        {
            Stage = pending.To;
        }

        return from;
    }

    public void Return(string by, DateTimeOffset at, string reason)
    {
        var pending = Pending ?? throw new ProjectStateException("没有待审批的阶段申请。");
        // The stage stays as it was; the proposer corrects and proposes again.
        pending.Decide(approved: false, by, at, reason);
    }

    public static string StageName(ProjectStage stage) => stage switch
    {
        ProjectStage.Proposed => "立项申请",
        ProjectStage.Initiated => "已立项",
        ProjectStage.MidTermReviewed => "中期评估",
        ProjectStage.Rectifying => "整改",
        ProjectStage.Accepted => "已验收",
        _ => "已结项",
    };
}

public enum ProposalStatus
{
    Proposed,
    Approved,
    Returned,
}

/// <summary>One stage change of a project: proposed with findings, documents (and scores), then approved or returned by another person.</summary>
public sealed class ProjectStageRecord
{
    private ProjectStageRecord()
    {
    }

    public long Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public ProjectStage To { get; private set; }

    public string Findings { get; private set; } = "";

    public List<string> Documents { get; private set; } = [];

    public AcceptanceScores? Scores { get; private set; }

    /// <summary>The project's figures when the stage was proposed (budget, spend, contracts), as JSON.</summary>
    public string? Figures { get; private set; }

    public ProposalStatus Status { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTimeOffset ProposedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    internal static ProjectStageRecord Propose(
        Guid projectId, ProjectStage to, string findings, IReadOnlyList<string> documents, AcceptanceScores? scores, string? figures, string by, DateTimeOffset at) => new()
        {
            ProjectId = projectId,
            To = to,
            Findings = findings,
            Documents = [.. documents],
            Scores = scores,
            Figures = figures,
            Status = ProposalStatus.Proposed,
            ProposedBy = by,
            ProposedAt = at,
        };

    internal void Decide(bool approved, string by, DateTimeOffset at, string? reason)
    {
        if (by == ProposedBy)
        {
            throw new ProjectStateException("提出申请的人不能审批自己的申请，须由另一人审批。");
        }

        Status = approved ? ProposalStatus.Approved : ProposalStatus.Returned;
        DecidedBy = by;
        DecidedAt = at;
        ReturnReason = reason;
    }
}
