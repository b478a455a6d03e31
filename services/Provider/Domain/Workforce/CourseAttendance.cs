namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>One person's attendance of a course: the hours present and whether they passed its assessment.</summary>
public sealed class CourseAttendance
{
    private CourseAttendance()
    {
    }

    public Guid CourseId { get; private set; }

    public Guid MemberId { get; private set; }

    public decimal Hours { get; private set; }

    public bool Passed { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    internal static CourseAttendance Record(Guid courseId, Guid memberId, decimal hours, bool passed, string by, DateTimeOffset at) =>
        new() { CourseId = courseId, MemberId = memberId, Hours = hours, Passed = passed, RecordedBy = by, RecordedAt = at };
}
