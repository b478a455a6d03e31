using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>A household in the county's low-income registry (低收入人口台账).</summary>
public sealed class Household : ITownshipOwned
{
    private readonly List<Member> _members = [];

    private Household()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>9-digit township code (乡镇代码).</summary>
    public string TownshipCode { get; private set; } = "";

    /// <summary>12-digit village code (村/社区代码), beginning with the township code.</summary>
    public string VillageCode { get; private set; } = "";

    /// <summary>The address, encrypted; shown only to callers who may unmask.</summary>
    public string? ProtectedAddress { get; private set; }

    /// <summary>The household number of the dynamic-monitoring platform, when the household came from an import.</summary>
    public string? ExternalRef { get; private set; }

    /// <summary>The import that created this household, if one did.</summary>
    public Guid? ImportJobId { get; private set; }

    public HouseholdCategory Category { get; private set; }

    public int MemberCount { get; private set; }

    public HouseholdStatus Status { get; private set; }

    public string? ExitReason { get; private set; }

    public DateTimeOffset? ExitedAt { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public IReadOnlyList<Member> Members => _members;

    /// <summary>Members as staff read a household: the head first, then by relationship and age.</summary>
    public IEnumerable<Member> MembersInOrder => _members.OrderBy(m => m.Relationship).ThenBy(m => m.BirthDate).ThenBy(m => m.Id);

    /// <summary>The head's masked name and ID number, kept on the household so the ledger lists it without a join.</summary>
    public string? HeadMaskedName { get; private set; }

    public string? HeadMaskedIdNumber { get; private set; }

    /// <summary>The approved assessment the needs ledger (需求台账) shows for this household.</summary>
    public Guid? CurrentAssessmentId { get; private set; }

    public DifficultyDegree? Degree { get; private set; }

    public string[] DifficultyTypes { get; private set; } = [];

    public string[] NeedCodes { get; private set; } = [];

    public DateOnly? AssessedOn { get; private set; }

    public DateOnly? ReassessmentDueOn { get; private set; }

    /// <summary>The due date a ReassessmentDue event was last sent for, so each due date is announced once.</summary>
    public DateOnly? ReassessmentAnnouncedFor { get; private set; }

    public void RecordAssessment(HouseholdAssessment assessment, DateOnly assessedOn, DateOnly reassessmentDueOn)
    {
        if (assessment.Status != AssessmentStatus.Approved || assessment.HouseholdId != Id)
        {
            throw new InvalidOperationException("Only an approved assessment of this household becomes its current one.");
        }

        CurrentAssessmentId = assessment.Id;
        Degree = assessment.Degree;
        DifficultyTypes = assessment.DifficultyTypes;
        NeedCodes = assessment.NeedCodes;
        AssessedOn = assessedOn;
        ReassessmentDueOn = reassessmentDueOn;
    }

    public void MarkReassessmentAnnounced() => ReassessmentAnnouncedFor = ReassessmentDueOn;

    /// <summary>
    /// A correction changed what the household needs (its members, category or township): an assessed household's
    /// reassessment falls due <paramref name="today"/>, and the township is told as for any reassessment falling due.
    /// </summary>
    public void ReassessNow(DateOnly today)
    {
        if (CurrentAssessmentId is not null && (ReassessmentDueOn is null || ReassessmentDueOn > today))
        {
            ReassessmentDueOn = today;
        }
    }

    /// <summary>
    /// The household moves to another village — of another township, when <paramref name="townshipCode"/> differs — and
    /// its members with it. Its needs are reassessed where it lives now.
    /// </summary>
    public void MoveTo(string townshipCode, string villageCode, DateOnly today)
    {
        RequireActive();
        if (!villageCode.StartsWith(townshipCode, StringComparison.Ordinal))
        {
            throw new ArgumentException("The village must belong to the township.", nameof(villageCode));
        }

        if (villageCode == VillageCode)
        {
            throw new HouseholdCorrectionException("该家庭已在这个村（社区）。");
        }

        if (townshipCode != TownshipCode)
        {
            ReassessNow(today);
        }

        TownshipCode = townshipCode;
        VillageCode = villageCode;
        foreach (var member in _members)
        {
            member.MovedTo(townshipCode);
        }
    }

    public static Household Register(string townshipCode, string villageCode, HouseholdCategory category, int memberCount, DateTimeOffset now, string? protectedAddress = null)
    {
        if (!villageCode.StartsWith(townshipCode, StringComparison.Ordinal))
        {
            throw new ArgumentException("The village must belong to the township.", nameof(villageCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        return new Household
        {
            Id = Guid.CreateVersion7(now),
            TownshipCode = townshipCode,
            VillageCode = villageCode,
            ProtectedAddress = protectedAddress,
            Category = category,
            MemberCount = memberCount,
            Status = HouseholdStatus.Active,
            RegisteredAt = now,
        };
    }

    public Member AddMember(Security.PersonalData.ProtectedIdentity identity, Security.PersonalData.IdNumber idNumber, MemberFacts facts)
    {
        if (_members.Any(m => m.IdNumberIndex == identity.IdNumberIndex))
        {
            throw new InvalidOperationException("The same person cannot be a member twice.");
        }

        var member = Member.Create(Id, TownshipCode, identity, idNumber, facts);
        _members.Add(member);
        if (facts.Relationship == Relationship.Head)
        {
            HeadMaskedName = identity.MaskedName;
            HeadMaskedIdNumber = identity.MaskedIdNumber;
        }

        MemberCount = Math.Max(MemberCount, _members.Count);
        return member;
    }

    /// <summary>A correction of the registry (迁出, 死亡, 信息有误 …): the member leaves; the head and the last member stay.</summary>
    public void RemoveMember(Guid memberId)
    {
        RequireActive();
        var member = _members.Find(m => m.Id == memberId) ?? throw new InvalidOperationException("No such member in this household.");
        if (member.Relationship == Relationship.Head)
        {
            throw new HouseholdCorrectionException("不能删除户主；请先将其他成员登记为户主。");
        }

        _members.Remove(member);
        MemberCount = Math.Max(Math.Max(MemberCount - 1, _members.Count), 1);
    }

    public void ChangeCategory(HouseholdCategory category)
    {
        RequireActive();
        if (category == Category)
        {
            throw new HouseholdCorrectionException($"该家庭已是{category.ChineseName()}。");
        }

        Category = category;
    }

    public void RequireActive()
    {
        if (Status == HouseholdStatus.Exited)
        {
            throw new HouseholdCorrectionException("该家庭已退出，不能再更正。");
        }
    }

    /// <summary>The household leaves the registry (退出); it stays readable with its reason.</summary>
    public void Exit(string reason, DateTimeOffset now)
    {
        if (Status == HouseholdStatus.Exited)
        {
            throw new InvalidOperationException("The household has already exited.");
        }

        Status = HouseholdStatus.Exited;
        ExitReason = reason;
        ExitedAt = now;
    }
}
