using ReliefPlatform.Provider.Domain.Workforce;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class WorkforceTrainingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A 40-hour course ending 2026-03-20 whose certificate is valid 24 months.</summary>
    private static TrainingCourse CareCourse() =>
        TrainingCourse.Plan("养老护理员培训", new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 20), 40m, "elderly-care-worker", 24, "trainer", Now);

    [Fact]
    public void Passing_with_eighty_percent_of_the_hours_earns_a_certificate_valid_for_the_courses_months_from_its_last_day()
    {
        // 80 % of 40 hours is 32: 32 hours and a pass earn it; valid 2026-03-20 … 2028-03-19 (24 months, the last day included).
        var earned = CareCourse().Attend(Guid.NewGuid(), 32m, passed: true, "trainer", Now);

        Assert.Equal((new DateOnly(2026, 3, 20), new DateOnly(2028, 3, 19)), earned);
    }

    [Theory]
    [InlineData(31.5, true)]
    [InlineData(40, false)]
    public void Too_few_hours_or_a_failed_assessment_earns_no_certificate_but_the_hours_count(double hours, bool passed)
    {
        var course = CareCourse();

        var earned = course.Attend(Guid.NewGuid(), (decimal)hours, passed, "trainer", Now);

        Assert.Null(earned);
        Assert.Equal((decimal)hours, Assert.Single(course.Attendances).Hours);
    }

    [Fact]
    public void A_course_without_a_certificate_type_awards_none()
    {
        var course = TrainingCourse.Plan("志愿服务入门", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), 4m, null, 12, "trainer", Now);

        Assert.Null(course.Attend(Guid.NewGuid(), 4m, passed: true, "trainer", Now));
        Assert.Null(course.CertificateValidMonths);
    }

    [Fact]
    public void A_persons_attendance_is_recorded_once_and_never_beyond_the_courses_hours()
    {
        var course = CareCourse();
        var member = Guid.NewGuid();
        course.Attend(member, 40m, passed: true, "trainer", Now);

        Assert.Equal("该人员的本课程出勤已登记。", Assert.Throws<TrainingRuleException>(() => course.Attend(member, 40m, passed: true, "trainer", Now)).Message);
        Assert.Throws<TrainingRuleException>(() => course.Attend(Guid.NewGuid(), 40.5m, passed: true, "trainer", Now));
        Assert.Throws<TrainingRuleException>(() => course.Attend(Guid.NewGuid(), 0m, passed: true, "trainer", Now));
        Assert.Single(course.Attendances);
    }

    [Fact]
    public void A_certificate_is_valid_from_its_first_to_its_last_day_and_not_after()
    {
        var certificate = TrainingCertificate.Issue(Guid.NewGuid(), Guid.NewGuid(), "elderly-care-worker", "enc", "HS********AB", new DateOnly(2026, 3, 20), new DateOnly(2028, 3, 19), Now);

        Assert.False(certificate.IsValidOn(new DateOnly(2026, 3, 19)));
        Assert.True(certificate.IsValidOn(new DateOnly(2028, 3, 19)));
        Assert.False(certificate.IsValidOn(new DateOnly(2028, 3, 20)));
    }
}
