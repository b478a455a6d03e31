using ReliefPlatform.Delivery.Domain.Referrals;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>Referrals worked by departments: deadlines by kind, escalation once, suggestions from an assessment's needs, KPIs per department.</summary>
public sealed class DepartmentReferralTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly ReferralKindOptions Kinds = new();
    private static readonly Guid Household = Guid.NewGuid();

    private static Referral SendOf(string? kind, string department = "education") =>
        Referral.Send(Household, "341525100", department, kind, "适龄子女失学", "caseworker", Sent, Kinds.DueDays(kind));

    [Theory]
    [InlineData("education-support", 15)]
    [InlineData("housing-renovation", 30)]
    [InlineData("medical-support", 10)]
    [InlineData(null, 15)]
    public void A_referral_is_due_within_the_days_of_its_kind_or_the_county_default(string? kind, int days)
    {
        Assert.Equal(Sent.AddDays(days), SendOf(kind).DueBy);
    }

    [Fact]
    public void A_county_can_set_a_kinds_deadline_as_data()
    {
        var county = new ReferralKindOptions { DefaultDueDays = 20 };
        county.Kinds["education-support"] = county.Kinds["education-support"] with { DueDays = 7 };

        Assert.Equal((7, 20, 30), (county.DueDays("education-support"), county.DueDays(null), county.DueDays("housing-renovation")));
    }

    [Fact]
    public void An_unfinished_referral_past_its_deadline_is_escalated_once_and_a_finished_one_never()
    {
        var late = SendOf("medical-support", "health");
        var due = Sent.AddDays(10);

        Assert.False(late.ReportOverdue(due));
        Assert.True(late.ReportOverdue(due.AddMinutes(1)));
        Assert.False(late.ReportOverdue(due.AddDays(1)));
        Assert.Equal(due.AddMinutes(1), late.OverdueReportedAt);

        var finished = SendOf("medical-support", "health");
        finished.Accept(Sent.AddDays(1));
        finished.Complete("已协助预约县医院复诊", Sent.AddDays(5));
        Assert.False(finished.IsOverdue(due.AddDays(30)));
        Assert.False(finished.ReportOverdue(due.AddDays(30)));
    }

    [Fact]
    public void An_assessments_needs_suggest_one_referral_per_department_kind_and_nothing_for_catalogue_needs()
    {
        var suggested = Kinds.SuggestedBy(["meal-assistance", "education-support", "skills-training", "employment-support", "education-support", "medical-support",
            "housing-renovation"]).ToList();

        Assert.Equal(
            [("education-support", "education"), ("employment-support", "human-resources"), ("medical-support", "health"), ("housing-renovation", "housing")],
            suggested.Select(s => (s.Kind, s.Referral.Department)));
        Assert.Empty(Kinds.SuggestedBy(["meal-assistance", "care", "skills-training"]));
    }

    [Fact]
    public void A_suggestion_is_not_yet_due_and_its_deadline_runs_from_when_the_hub_sends_it()
    {
        var suggestion = Referral.Suggest(Household, "341525100", "education", "education-support", "助学帮扶（需求评估建议）", Guid.NewGuid(), Sent);

        Assert.Equal((ReferralStatus.Suggested, (DateTimeOffset?)null), (suggestion.Status, suggestion.DueBy));
        Assert.False(suggestion.IsOverdue(Sent.AddYears(1)));
        Assert.Throws<InvalidOperationException>(() => suggestion.Accept(Sent));

        suggestion.SendSuggested("caseworker", Sent.AddDays(3), Kinds.DueDays("education-support"));
        Assert.Equal((ReferralStatus.Sent, Sent.AddDays(18)), (suggestion.Status, suggestion.DueBy!.Value));
        Assert.Throws<InvalidOperationException>(() => suggestion.Dismiss("重复", Sent.AddDays(4)));
    }

    [Fact]
    public void Department_KPIs_count_what_was_sent_accepted_completed_declined_and_late_with_the_days_to_complete()
    {
        var now = Sent.AddDays(40);
        ReferralFacts Fact(string department, ReferralStatus status, int dueDays, double? acceptedAfter = null, double? finishedAfter = null, bool escalated = false) =>
            new(department, status, Sent, Sent.AddDays(dueDays), acceptedAfter is { } a ? Sent.AddDays(a) : null, finishedAfter is { } f ? Sent.AddDays(f) : null,
                escalated ? Sent.AddDays(dueDays).AddMinutes(1) : null);

        var kpis = ReferralKpis.Compute(
        [
            Fact("education", ReferralStatus.Completed, 15, 1, 6),                  // on time, 6 days
            Fact("education", ReferralStatus.Completed, 15, 2, 20, escalated: true), // late (escalated), 20 days
            Fact("education", ReferralStatus.Declined, 15, finishedAfter: 3),        // declined in time
            Fact("education", ReferralStatus.Accepted, 15, 1),                       // open past its deadline: late
            Fact("education", ReferralStatus.Suggested, 15),                         // never sent: not counted
            Fact("health", ReferralStatus.Sent, 60),                                 // open, not yet due
        ], now);

        var education = Assert.Single(kpis, k => k.Department == "education");
        Assert.Equal(("教育", 4, 3, 2, 1, 2), (education.DepartmentName, education.Sent, education.Accepted, education.Completed, education.Declined, education.Overdue));
        Assert.Equal((6m + 20m) / 2, education.AverageDaysToComplete);
        var health = Assert.Single(kpis, k => k.Department == "health");
        Assert.Equal((1, 0, 0, 0, (decimal?)null), (health.Sent, health.Accepted, health.Overdue, health.Completed, health.AverageDaysToComplete));
    }
}
