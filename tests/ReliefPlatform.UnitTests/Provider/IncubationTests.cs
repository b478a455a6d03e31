using ReliefPlatform.Provider.Domain.Incubations;
using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class IncubationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static Incubation Admitted()
    {
        var incubation = Incubation.Apply(IncubationSubject.Organisation, "social-work-organisation", "霍山县启明社工服务中心", null, null, "341525100",
            "留守老人关爱服务", new ProtectedContact("n", "p", "王*", "138****5678"), "hub", Now);
        incubation.Admit(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        return incubation;
    }

    [Fact]
    public void An_incubation_graduates_after_an_assessment_of_sixty_or_more_with_every_milestone_reached()
    {
        var incubation = Admitted();
        var registered = incubation.PlanMilestone("完成民政登记注册", new DateOnly(2026, 6, 30), Now);
        var team = incubation.PlanMilestone("组建 3 名专职社工团队", new DateOnly(2026, 9, 30), Now);
        incubation.AchieveMilestone(registered.Id, new DateOnly(2026, 5, 20), null);
        incubation.AchieveMilestone(team.Id, new DateOnly(2026, 9, 1), null);

        Assert.True(incubation.Assess(60, "运营规范", "assessor"));
        var provider = Guid.NewGuid();
        incubation.Graduate(provider, "91350100M000100Y43", Now);

        Assert.Equal(IncubationStatus.Graduated, incubation.Status);
        Assert.Equal(provider, incubation.ProviderId);
        Assert.Equal("91350100M000100Y43", incubation.CreditCode);
    }

    [Fact]
    public void A_score_below_sixty_or_a_milestone_not_reached_fails_the_assessment_and_blocks_graduation()
    {
        var incubation = Admitted();
        var milestone = incubation.PlanMilestone("独立运营一个服务项目", new DateOnly(2026, 10, 31), Now);

        Assert.False(incubation.Assess(95, null, "assessor"));
        Assert.Equal("出壳评估未通过（须达到 60 分且全部里程碑达成），不能出壳。",
            Assert.Throws<IncubationStateException>(() => incubation.Graduate(Guid.NewGuid(), null, Now)).Message);

        incubation.AchieveMilestone(milestone.Id, new DateOnly(2026, 10, 15), "已独立承接助餐项目");
        Assert.False(incubation.Assess(59, null, "assessor"));
        Assert.True(incubation.Assess(60, null, "assessor"));
    }

    [Fact]
    public void Graduation_needs_an_assessment_and_support_needs_an_admitted_incubation()
    {
        var applied = Incubation.Apply(IncubationSubject.ServiceProject, "volunteer-team", "银龄互助志愿服务项目", null, null, null, "互助养老",
            new ProtectedContact("n", "p", "李*", "139****0000"), "hub", Now);

        Assert.Throws<IncubationStateException>(() => applied.Support("space", "孵化基地工位 2 个", new DateOnly(2026, 2, 1), null, null, null, null, "hub", Now));
        Assert.Throws<IncubationStateException>(() => applied.Graduate(Guid.NewGuid(), null, Now));

        var admitted = Admitted();
        Assert.Equal("须先完成出壳评估。", Assert.Throws<IncubationStateException>(() => admitted.Graduate(Guid.NewGuid(), null, Now)).Message);
    }

    [Fact]
    public void Seed_money_keeps_its_amount_budget_and_a_reference_for_funding_while_other_support_carries_no_money()
    {
        var incubation = Admitted();

        var seed = incubation.Support(IncubationSupport.SeedMoney, "启动资金", new DateOnly(2026, 2, 1), 20_000.00m, 2026, "HS-FHJD", "341525101", "hub", Now);
        var space = incubation.Support("space", "孵化基地工位", new DateOnly(2026, 2, 1), 500m, 2026, "HS-FHJD", "341525101", "hub", Now);

        Assert.Equal((20_000.00m, "341525101"), (seed.Amount, seed.TownshipCode));
        Assert.Equal($"incubation-{seed.Id:N}", seed.FundingReference);
        Assert.Null(space.Amount);
        Assert.Null(space.TownshipCode);
        Assert.Null(space.FundingReference);
    }

    [Fact]
    public void A_closed_or_graduated_incubation_cannot_be_closed_again()
    {
        var incubation = Admitted();
        incubation.Close("未按期完成登记注册", Now);

        Assert.Equal(IncubationStatus.Closed, incubation.Status);
        Assert.Throws<IncubationStateException>(() => incubation.Close("again", Now));
        Assert.Throws<IncubationStateException>(() => incubation.Admit(new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30)));
    }
}
