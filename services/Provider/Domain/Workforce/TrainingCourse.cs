namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>
/// A training course the county runs or recognises (培训课程): its days and hours, and — when it leads to one — the
/// qualification type of the certificate it awards and how many months that certificate is valid. A person earns the
/// certificate by passing the course's assessment having attended at least <see cref="RequiredAttendanceShare"/> of its hours.
/// </summary>
public sealed class TrainingCourse
{
    /// <summary>Share of the course's hours a person must attend for its certificate (培训出勤率不低于 80%).</summary>
    public const decimal RequiredAttendanceShare = 0.8m;

    private readonly List<CourseAttendance> _attendances = [];

    private TrainingCourse()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly HeldFrom { get; private set; }

    public DateOnly HeldUntil { get; private set; }

    public decimal Hours { get; private set; }

    public string? CertificateType { get; private set; }

    public int? CertificateValidMonths { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<CourseAttendance> Attendances => _attendances;

    public static TrainingCourse Plan(
        string title, DateOnly heldFrom, DateOnly heldUntil, decimal hours, string? certificateType, int? certificateValidMonths, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Title = title,
        HeldFrom = heldFrom,
        HeldUntil = heldUntil,
        Hours = hours,
        CertificateType = certificateType,
        CertificateValidMonths = certificateType is null ? null : certificateValidMonths,
        CreatedBy = by,
        CreatedAt = at,
    };

    /// <summary>Records a person's attendance once; returns the certificate's validity when they earned it, else null.</summary>
    public (DateOnly From, DateOnly Until)? Attend(Guid memberId, decimal hours, bool passed, string by, DateTimeOffset at)
    {
        if (_attendances.Any(a => a.MemberId == memberId))
        {
            throw new TrainingRuleException("该人员的本课程出勤已登记。");
        }

        if (hours <= 0 || hours > Hours)
        {
            throw new TrainingRuleException($"出勤学时应大于 0 且不超过课程学时（{Hours:0.#}）。");
        }

        _attendances.Add(CourseAttendance.Record(Id, memberId, hours, passed, by, at));
        return EarnsCertificate(hours, passed) ? (HeldUntil, HeldUntil.AddMonths(CertificateValidMonths!.Value).AddDays(-1)) : null;
    }

    public bool EarnsCertificate(decimal hours, bool passed) =>
        CertificateType is not null && CertificateValidMonths is > 0 && passed && hours >= Hours * RequiredAttendanceShare;
}
