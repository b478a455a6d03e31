using ReliefPlatform.Funding.Domain.Projects;
using ReliefPlatform.Funding.Domain.Statements;

namespace ReliefPlatform.UnitTests.Funding;

/// <summary>A provider's statement: flagged records held until reviewed, a second person's approval, paid once.</summary>
public sealed class ProviderStatementTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Clean = Guid.NewGuid(), Short = Guid.NewGuid(), Undocumented = Guid.NewGuid();

    private static ProviderStatement Draw() => ProviderStatement.Draw("p1", Guid.NewGuid(), "HT-01", 2026, "HS-01", new DateOnly(2026, 11, 1),
    [
        (Clean, Guid.NewGuid(), "341525101", "daily-care", 60m, At, []),
        (Short, Guid.NewGuid(), "341525101", "daily-care", 60m, At, ["short"]),
        (Undocumented, Guid.NewGuid(), "341525101", "daily-care", 40m, At, ["no-evidence", "no-evidence"]),
    ], "finance-1", At);

    [Fact]
    public void Flagged_records_are_held_back_and_pay_nothing_until_reviewed()
    {
        var statement = Draw();

        Assert.Equal(160m, statement.Total);
        Assert.Equal(60m, statement.Payable);
        Assert.Equal(2, statement.Held);
        Assert.Equal(["no-evidence"], statement.Lines.Single(l => l.WorkOrderId == Undocumented).Flags);
    }

    [Fact]
    public void A_statement_is_approved_only_by_a_second_person_once_every_held_record_is_released_or_deducted()
    {
        var statement = Draw();
        Assert.Contains("未审核", Assert.Throws<StatementStateException>(() => statement.Approve("admin-1", At)).Message, StringComparison.Ordinal);

        statement.Release(Undocumented, "签字单已补交", "finance-1");
        Assert.Throws<StatementStateException>(() => statement.Deduct(Short, 60.01m, "超出", "finance-1"));
        statement.Deduct(Short, 15m, "服务时长不足，按实际时长扣减", "finance-1");
        Assert.Throws<StatementStateException>(() => statement.Release(Clean, "无需审核", "finance-1"));
        Assert.Equal(145m, statement.Payable);                   // 60 + (60 − 15) + 40

        Assert.Contains("不能审批自己的", Assert.Throws<StatementStateException>(() => statement.Approve("finance-1", At)).Message, StringComparison.Ordinal);
        statement.Approve("admin-1", At);
        Assert.Throws<StatementStateException>(() => statement.Deduct(Clean, 1m, "迟到", "finance-1"));

        statement.MarkPaid(Guid.NewGuid(), At);
        Assert.Equal(StatementStatus.Paid, statement.Status);
        Assert.Equal("该结算单已拨付。", Assert.Throws<StatementStateException>(() => statement.MarkPaid(Guid.NewGuid(), At)).Message);
    }

    [Fact]
    public void An_unapproved_statement_cannot_be_paid_and_an_empty_month_has_no_statement()
    {
        Assert.Equal("结算单尚未审批，不能拨付。", Assert.Throws<StatementStateException>(() => Draw().MarkPaid(Guid.NewGuid(), At)).Message);
        Assert.Throws<StatementStateException>(() => ProviderStatement.Draw("p1", Guid.NewGuid(), "HT-01", 2026, "HS-01", new DateOnly(2026, 11, 1), [], "finance-1", At));
    }

    [Theory]
    [InlineData(null, 0)]        // nobody scored: nothing earned
    [InlineData(1.0, 30)]
    [InlineData(0.9, 27)]
    [InlineData(0.55, 17)]       // 16.5 rounds half up
    [InlineData(0.0, 0)]
    public void Acceptance_satisfaction_is_thirty_times_the_share_of_confirmations_scored_four_or_five(double? share, int points) =>
        Assert.Equal(points, AcceptanceScores.SatisfactionPoints(share is null ? null : (decimal)share));
}
