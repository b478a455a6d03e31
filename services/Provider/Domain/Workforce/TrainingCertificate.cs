namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>
/// A certificate earned on a course, of one of the county's qualification types, valid for the course's months from
/// its last day. When its holder works for a provider it is also recorded as that provider's qualification
/// (<see cref="QualificationId"/>), so it satisfies the items that require the type — until it expires.
/// </summary>
public sealed class TrainingCertificate
{
    private TrainingCertificate()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid CourseId { get; private set; }

    public string Type { get; private set; } = "";

    public string ProtectedNumber { get; private set; } = "";

    public string NumberMasked { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public Guid? QualificationId { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public static TrainingCertificate Issue(
        Guid memberId, Guid courseId, string type, string protectedNumber, string numberMasked, DateOnly validFrom, DateOnly validUntil, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        MemberId = memberId,
        CourseId = courseId,
        Type = type,
        ProtectedNumber = protectedNumber,
        NumberMasked = numberMasked,
        ValidFrom = validFrom,
        ValidUntil = validUntil,
        IssuedAt = at,
    };

    public void CountFor(Guid qualificationId) => QualificationId = qualificationId;

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && day <= ValidUntil;
}
