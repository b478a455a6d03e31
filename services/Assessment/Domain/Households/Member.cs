using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>
/// A person in a registered household. Name and ID number are stored only encrypted (with a county-wide
/// blind index that makes a second registration of the same person impossible) and shown masked.
/// </summary>
public sealed class Member : ITownshipOwned
{
    private Member()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>Copied from the household so the township wall holds on members too.</summary>
    public string TownshipCode { get; private set; } = "";

    /// <summary>The household moved to another township: the wall follows it.</summary>
    internal void MovedTo(string townshipCode) => TownshipCode = townshipCode;

    public string ProtectedName { get; private set; } = "";

    public string ProtectedIdNumber { get; private set; } = "";

    /// <summary>Keyed blind index of the ID number; unique across the county.</summary>
    public string IdNumberIndex { get; private set; } = "";

    public string MaskedName { get; private set; } = "";

    public string MaskedIdNumber { get; private set; } = "";

    /// <summary>From the ID number; ages are computed from it, never typed.</summary>
    public DateOnly BirthDate { get; private set; }

    public bool IsMale { get; private set; }

    public Relationship Relationship { get; private set; }

    public DisabilityType? DisabilityType { get; private set; }

    /// <summary>Disability grade 1 (most severe) to 4.</summary>
    public int? DisabilityGrade { get; private set; }

    public bool ChronicIllness { get; private set; }

    public bool LivingAlone { get; private set; }

    /// <summary>Employment status, when recorded (matching's member condition for workers in difficulty); null when not known.</summary>
    public EmploymentStatus? EmploymentStatus { get; private set; }

    /// <summary>Since when <see cref="EmploymentStatus"/> holds, when a correction said so; null when only registration or an import recorded it.</summary>
    public DateOnly? EmploymentStatusSince { get; private set; }

    /// <summary>For minors: whether an effective guardian exists (监护人有效履责); null for adults.</summary>
    public bool? HasEffectiveGuardian { get; private set; }

    /// <summary>Monitored per-capita monthly income of the household, yuan (from the monitoring platform).</summary>
    public decimal? MonthlyIncome { get; private set; }

    /// <summary>Monitored medical spending over the past year, yuan.</summary>
    public decimal? MedicalExpense { get; private set; }

    public string[] RiskSignals { get; private set; } = [];

    /// <summary>
    /// The benefits the member already receives (长期护理保险, 残疾人两项补贴 …), as the county's existing-policy codes
    /// (Catalogue's <c>policy</c> vocabulary), so matching's overlap rules apply to them.
    /// </summary>
    public string[] Benefits { get; private set; } = [];

    /// <summary>Keyed fingerprint of the last imported row, so re-importing an unchanged row changes nothing.</summary>
    public string? RowHash { get; private set; }

    /// <summary>The import that created this member, if one did (what a rollback removes).</summary>
    public Guid? ImportJobId { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public static Member Create(Guid householdId, string townshipCode, ProtectedIdentity identity, IdNumber idNumber, MemberFacts facts) => new()
    {
        Id = Guid.CreateVersion7(),
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        ProtectedName = identity.Name,
        ProtectedIdNumber = identity.IdNumber,
        IdNumberIndex = identity.IdNumberIndex,
        MaskedName = identity.MaskedName,
        MaskedIdNumber = identity.MaskedIdNumber,
        BirthDate = idNumber.BirthDate,
        IsMale = idNumber.IsMale,
        Relationship = facts.Relationship,
        DisabilityType = facts.DisabilityType,
        DisabilityGrade = facts.DisabilityGrade,
        ChronicIllness = facts.ChronicIllness,
        LivingAlone = facts.LivingAlone,
        HasEffectiveGuardian = facts.HasEffectiveGuardian,
        EmploymentStatus = facts.EmploymentStatus,
    };

    /// <summary>Replaces what the member receives; returns whether anything changed.</summary>
    public bool SetBenefits(IEnumerable<string> codes, DateTimeOffset now)
    {
        string[] next = [.. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (next.SequenceEqual(Benefits, StringComparer.Ordinal))
        {
            return false;
        }

        Benefits = next;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Corrects the employment status, effective from <paramref name="effectiveOn"/> (not in the future, not before birth);
    /// returns whether anything changed (the same status from the same day is no change).
    /// </summary>
    public bool CorrectEmploymentStatus(EmploymentStatus status, DateOnly effectiveOn, DateOnly today, DateTimeOffset now)
    {
        if (effectiveOn > today)
        {
            throw new HouseholdCorrectionException("生效日期不能晚于今天。");
        }

        if (effectiveOn < BirthDate)
        {
            throw new HouseholdCorrectionException("生效日期不能早于该成员的出生日期。");
        }

        if (EmploymentStatus == status && EmploymentStatusSince == effectiveOn)
        {
            return false;
        }

        EmploymentStatus = status;
        EmploymentStatusSince = effectiveOn;
        UpdatedAt = now;
        return true;
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}

/// <summary>What staff record about a member besides name and ID number.</summary>
public sealed record MemberFacts(
    Relationship Relationship,
    DisabilityType? DisabilityType,
    int? DisabilityGrade,
    bool ChronicIllness,
    bool LivingAlone,
    bool? HasEffectiveGuardian,
    EmploymentStatus? EmploymentStatus = null);
