using ReliefPlatform.Funding.Domain.Projects;

namespace ReliefPlatform.UnitTests.Funding;

public sealed class PurchaseProjectTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Documents = ["霍民〔2026〕12号"];

    private static PurchaseProject Initiated()
    {
        var project = PurchaseProject.Propose(2026, "HS-2026-01", "居家照护服务项目", "为失能老人提供上门照护", ["daily-care"], ["341525100"], 500_000m, Documents, "finance-1", At);
        project.Approve("admin-1", At);
        return project;
    }

    [Fact]
    public void A_project_goes_from_initiation_to_closure_each_stage_approved_by_a_second_person()
    {
        var project = PurchaseProject.Propose(2026, "HS-2026-01", "居家照护服务项目", "目标", ["daily-care"], ["341525100"], 500_000m, Documents, "finance-1", At);
        Assert.Equal(ProjectStage.Proposed, project.Stage);
        Assert.Equal(ProjectStage.Initiated, project.Pending!.To);

        Assert.Equal(ProjectStage.Proposed, project.Approve("admin-1", At));
        project.ProposeStage(ProjectStage.MidTermReviewed, "进度正常", Documents, null, "{}", "finance-1", At);
        project.Approve("admin-1", At);
        project.ProposeStage(ProjectStage.Accepted, "验收合格", Documents, new AcceptanceScores(27, 26, 18, 17), null, "finance-1", At);
        project.Approve("admin-1", At);
        Assert.Equal(ProjectStage.Accepted, project.Stage);
        Assert.Equal(AcceptanceOutcome.Pass, project.Outcome);
        project.ProposeStage(ProjectStage.Closed, "资料归档", Documents, null, null, "finance-1", At);
        project.Approve("admin-1", At);

        Assert.Equal(ProjectStage.Closed, project.Stage);
        Assert.Empty(project.NextStages());
        Assert.All(project.Records, r => Assert.Equal(ProposalStatus.Approved, r.Status));
    }

    [Fact]
    public void Nobody_approves_their_own_proposal()
    {
        var project = PurchaseProject.Propose(2026, "HS-2026-01", "项目", "目标", ["daily-care"], ["341525100"], 1m, Documents, "finance-1", At);

        Assert.Throws<ProjectStateException>(() => project.Approve("finance-1", At));
        Assert.Equal(ProjectStage.Proposed, project.Stage);
        Assert.Equal(ProposalStatus.Proposed, project.Pending!.Status);
    }

    [Fact]
    public void Stages_cannot_be_skipped_or_stacked()
    {
        var project = Initiated();

        Assert.Throws<ProjectStateException>(() => project.ProposeStage(ProjectStage.Accepted, "x", Documents, new AcceptanceScores(30, 30, 20, 20), null, "f", At));
        Assert.Throws<ProjectStateException>(() => project.ProposeStage(ProjectStage.Closed, "x", Documents, null, null, "f", At));
        project.ProposeStage(ProjectStage.MidTermReviewed, "x", Documents, null, null, "f", At);
        Assert.Throws<ProjectStateException>(() => project.ProposeStage(ProjectStage.MidTermReviewed, "x", Documents, null, null, "f", At));
        Assert.Equal(ProjectStage.Initiated, project.Stage);
    }

    [Theory]
    [InlineData(30, 30, 20, 0, AcceptanceOutcome.Pass, ProjectStage.Accepted)]
    [InlineData(24, 24, 16, 15, AcceptanceOutcome.Rectify, ProjectStage.Rectifying)]
    [InlineData(20, 20, 10, 9, AcceptanceOutcome.Fail, ProjectStage.Accepted)]
    [InlineData(18, 18, 12, 12, AcceptanceOutcome.Rectify, ProjectStage.Rectifying)]
    [InlineData(18, 18, 12, 11, AcceptanceOutcome.Fail, ProjectStage.Accepted)]
    public void The_acceptance_score_decides_pass_rectify_or_fail(int completion, int satisfaction, int funds, int records, AcceptanceOutcome outcome, ProjectStage stage)
    {
        var project = Initiated();
        project.ProposeStage(ProjectStage.MidTermReviewed, "x", Documents, null, null, "f", At);
        project.Approve("a", At);
        project.ProposeStage(ProjectStage.Accepted, "x", Documents, new AcceptanceScores(completion, satisfaction, funds, records), null, "f", At);
        project.Approve("a", At);

        Assert.Equal(outcome, project.Outcome);
        Assert.Equal(stage, project.Stage);
    }

    [Fact]
    public void A_project_that_must_rectify_is_accepted_again_and_an_acceptance_needs_its_scores()
    {
        var project = Initiated();
        project.ProposeStage(ProjectStage.MidTermReviewed, "x", Documents, null, null, "f", At);
        project.Approve("a", At);
        project.ProposeStage(ProjectStage.Accepted, "满意度偏低", Documents, new AcceptanceScores(25, 12, 18, 15), null, "f", At);
        project.Approve("a", At);
        Assert.Equal(ProjectStage.Rectifying, project.Stage);
        Assert.Throws<ProjectStateException>(() => project.ProposeStage(ProjectStage.Closed, "x", Documents, null, null, "f", At));
        Assert.Throws<ProjectStateException>(() => project.ProposeStage(ProjectStage.Accepted, "x", Documents, null, null, "f", At));

        project.ProposeStage(ProjectStage.Accepted, "整改后复验", Documents, new AcceptanceScores(26, 25, 18, 16), null, "f", At);
        project.Approve("a", At);
        Assert.Equal(ProjectStage.Accepted, project.Stage);
        Assert.Equal(AcceptanceOutcome.Pass, project.Outcome);
    }

    [Fact]
    public void A_returned_proposal_leaves_the_stage_and_may_be_proposed_again()
    {
        var project = PurchaseProject.Propose(2026, "HS-2026-01", "项目", "目标", ["daily-care"], ["341525100"], 1m, Documents, "finance-1", At);
        project.Return("admin-1", At, "预算依据不足");

        Assert.Equal(ProjectStage.Proposed, project.Stage);
        Assert.Null(project.Pending);
        Assert.Equal([ProjectStage.Initiated], project.NextStages());
        project.ProposeStage(ProjectStage.Initiated, "补充了预算测算", Documents, null, null, "finance-1", At);
        project.Approve("admin-1", At);
        Assert.Equal(ProjectStage.Initiated, project.Stage);
    }

    [Fact]
    public void Scores_outside_a_criterions_range_are_named()
    {
        Assert.Equal(["satisfaction", "records"], new AcceptanceScores(30, 31, 20, -1).OutOfRange());
    }
}
