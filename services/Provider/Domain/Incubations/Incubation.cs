using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.Provider.Domain.Incubations;

/// <summary>
/// A social organisation or service project the hub incubates (培育孵化): applied, admitted for a period with support
/// and milestones, assessed at the end, then graduated into the provider registry — its registration data carried
/// over as the provider's application, which goes through Provider's normal review and approval — or closed.
/// </summary>
public sealed class Incubation
{
    /// <summary>The end assessment passes at this score (of 100) with every milestone reached.</summary>
    public const int PassingScore = 60;

    private readonly List<IncubationSupport> _supports = [];
    private readonly List<IncubationMilestone> _milestones = [];

    private Incubation()
    {
    }

    public Guid Id { get; private set; }

    public IncubationSubject Subject { get; private set; }

    /// <summary>The provider kind it will register as on graduation (social-work organisation, volunteer team …).</summary>
    public string ProviderKind { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? CreditCode { get; private set; }

    public string? Affiliation { get; private set; }

    public string? HomeTownship { get; private set; }

    /// <summary>What it sets out to do (服务方向), for the hub's list.</summary>
    public string Purpose { get; private set; } = "";

    public string ProtectedContactName { get; private set; } = "";

    public string ProtectedContactPhone { get; private set; } = "";

    public string ContactNameMasked { get; private set; } = "";

    public string ContactPhoneMasked { get; private set; } = "";

    public IncubationStatus Status { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public DateTimeOffset AppliedAt { get; private set; }

    public DateOnly? PeriodFrom { get; private set; }

    public DateOnly? PeriodUntil { get; private set; }

    public int? AssessmentScore { get; private set; }

    public bool? AssessmentPassed { get; private set; }

    public string? AssessmentNote { get; private set; }

    public string? AssessedBy { get; private set; }

    public Guid? ProviderId { get; private set; }

    public string? ClosedReason { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public IReadOnlyList<IncubationSupport> Supports => _supports;

    public IReadOnlyList<IncubationMilestone> Milestones => _milestones;

    public static Incubation Apply(
        IncubationSubject subject, string providerKind, string name, string? creditCode, string? affiliation, string? homeTownship, string purpose,
        ProtectedContact contact, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Subject = subject,
        ProviderKind = providerKind,
        Name = name,
        CreditCode = creditCode,
        Affiliation = affiliation,
        HomeTownship = homeTownship,
        Purpose = purpose,
        ProtectedContactName = contact.ProtectedName,
        ProtectedContactPhone = contact.ProtectedPhone,
        ContactNameMasked = contact.NameMasked,
        ContactPhoneMasked = contact.PhoneMasked,
        Status = IncubationStatus.Applied,
        AppliedBy = by,
        AppliedAt = at,
    };

    public ProtectedContact Contact => new(ProtectedContactName, ProtectedContactPhone, ContactNameMasked, ContactPhoneMasked);

    public void Admit(DateOnly from, DateOnly until)
    {
        Require(IncubationStatus.Applied, "只有已申请的对象可以入驻孵化。");
        if (until < from)
        {
            throw new IncubationStateException("孵化期结束日期不能早于开始日期。");
        }

        PeriodFrom = from;
        PeriodUntil = until;
        Status = IncubationStatus.Incubating;
    }

    public IncubationSupport Support(
        string kind, string description, DateOnly providedOn, decimal? amount, int? budgetYear, string? projectCode, string? townshipCode, string by, DateTimeOffset at)
    {
        RequireIncubating("只有孵化中的对象可以登记支持。");
        var support = IncubationSupport.Record(Id, kind, description, providedOn, amount, budgetYear, projectCode, townshipCode, by, at);
        _supports.Add(support);
        return support;
    }

    public IncubationMilestone PlanMilestone(string title, DateOnly due, DateTimeOffset at)
    {
        RequireIncubating("只有孵化中的对象可以设定里程碑。");
        var milestone = IncubationMilestone.Plan(Id, title, due, at);
        _milestones.Add(milestone);
        return milestone;
    }

    public void AchieveMilestone(Guid milestoneId, DateOnly on, string? note)
    {
        RequireIncubating("只有孵化中的对象可以登记里程碑达成。");
        var milestone = _milestones.FirstOrDefault(m => m.Id == milestoneId) ?? throw new IncubationStateException("没有这个里程碑。");
        milestone.Achieve(on, note);
    }

    /// <summary>The end assessment (出壳评估): passes at <see cref="PassingScore"/> or more with every milestone reached. May be redone while incubating.</summary>
    public bool Assess(int score, string? note, string by)
    {
        RequireIncubating("只有孵化中的对象可以进行出壳评估。");
        AssessmentScore = score;
        AssessmentNote = note;
        AssessedBy = by;
        AssessmentPassed = Passes(score, _milestones);
        return AssessmentPassed.Value;
    }

    public static bool Passes(int score, IEnumerable<IncubationMilestone> milestones) =>
        score >= PassingScore && milestones.All(m => m.AchievedOn is not null);

    /// <summary>Graduates into the provider registry as <paramref name="providerId"/> (an application there) — only after a passed assessment.</summary>
    public void Graduate(Guid providerId, string? creditCode, DateTimeOffset at)
    {
        EnsureMayGraduate();
        CreditCode ??= creditCode;
        ProviderId = providerId;
        EndedAt = at;
        Status = IncubationStatus.Graduated;
    }

    /// <summary>Throws unless the incubation is incubating with a passed end assessment.</summary>
    public void EnsureMayGraduate()
    {
        RequireIncubating("只有孵化中的对象可以出壳。");
        if (AssessmentPassed is not true)
        {
            throw new IncubationStateException(AssessmentPassed is null ? "须先完成出壳评估。" : "出壳评估未通过（须达到 60 分且全部里程碑达成），不能出壳。");
        }
    }

    public void Close(string reason, DateTimeOffset at)
    {
        if (Status is not (IncubationStatus.Applied or IncubationStatus.Incubating))
        {
            throw new IncubationStateException("已出壳或已终止的孵化不能再终止。");
        }

        ClosedReason = reason;
        EndedAt = at;
        Status = IncubationStatus.Closed;
    }

    private void RequireIncubating(string message) => Require(IncubationStatus.Incubating, message);

    private void Require(IncubationStatus expected, string message)
    {
        if (Status != expected)
        {
            throw new IncubationStateException(message);
        }
    }
}

public enum IncubationSubject
{
    /// <summary>社会组织</summary>
    Organisation,

    /// <summary>服务项目</summary>
    ServiceProject,
}
