using ReliefPlatform.Delivery.Domain.Plans;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>Caseworkers own a plan: they add, remove and re-pace its lines within the item's standard, each with a reason.</summary>
public sealed class ServicePlanTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static readonly PlanLine.Proposal DailyCare = new("daily-care", "日间照料", 3, "Week", 60, "符合");
    private static readonly PlanLine.Proposal Meals = new("meal-assistance", "助餐", 7, "Week", 30, "符合");

    private static ServicePlan Plan(params PlanLine.Proposal[] lines) =>
        ServicePlan.Draft(Guid.NewGuid(), "341525100", Guid.NewGuid(), 1, lines, "[]", At, new DateOnly(2027, 5, 30));

    [Fact]
    public void A_plan_runs_until_its_review_date()
    {
        var plan = Plan(DailyCare);
        Assert.False(plan.RunsOn(new DateOnly(2026, 12, 1)));
        plan.Approve("township", At);
        Assert.True(plan.RunsOn(new DateOnly(2027, 5, 29)));
        Assert.False(plan.RunsOn(new DateOnly(2027, 5, 30)));
    }

    [Fact]
    public void A_frequency_may_be_lowered_to_one_but_not_raised_above_the_standard()
    {
        var plan = Plan(DailyCare);
        plan.ChangeFrequency("daily-care", 1, "家属可以照料两天", "caseworker");
        Assert.Equal(1, plan.Lines[0].Times);
        plan.ChangeFrequency("daily-care", 3, "家属外出务工", "caseworker");
        Assert.Equal(3, plan.Lines[0].Times);

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ChangeFrequency("daily-care", 4, "多一些", "caseworker"));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ChangeFrequency("daily-care", 0, "不要了", "caseworker"));
        Assert.Equal(3, plan.Lines[0].Times);
        Assert.Equal("该事项的服务标准为每周3次，频次应为 1–3 次。", plan.Lines[0].FrequencyRange);
    }

    [Fact]
    public void An_item_added_with_a_reason_is_included_and_the_editor_cannot_approve()
    {
        var plan = Plan(DailyCare);
        var line = plan.AddItem(Meals, "独居，做饭困难", "caseworker");
        Assert.True(line.Included);
        Assert.Equal("独居，做饭困难", line.Note);
        Assert.Equal(7, line.StandardTimes);
        Assert.Throws<InvalidOperationException>(() => plan.AddItem(Meals, "再加一次", "caseworker"));
        Assert.Throws<InvalidOperationException>(() => plan.Approve("caseworker", At));
    }

    [Fact]
    public void A_removed_line_can_be_put_back_to_be_matched_afresh_but_an_approved_plan_keeps_one_line()
    {
        var plan = Plan(DailyCare, Meals);
        plan.Approve("township", At);
        plan.RecordMatch("daily-care", "provider-1", Guid.NewGuid(), "选定");

        var removed = plan.RemoveLine("daily-care", "已入住养老机构", "caseworker");
        Assert.False(removed.Included);
        Assert.Throws<InvalidOperationException>(() => plan.RemoveLine("meal-assistance", "都不要了", "caseworker"));

        var back = plan.AddItem(DailyCare, "已回家居住", "caseworker");
        Assert.True(back.Included);
        Assert.Null(back.ProviderId);
        Assert.Null(back.WorkOrderId);
    }

    [Fact]
    public void A_superseded_plan_is_not_edited()
    {
        var plan = Plan(DailyCare);
        plan.Supersede();
        Assert.Throws<InvalidOperationException>(() => plan.AddItem(Meals, "原因", "caseworker"));
        Assert.Throws<InvalidOperationException>(() => plan.ChangeFrequency("daily-care", 1, "原因", "caseworker"));
    }
}
