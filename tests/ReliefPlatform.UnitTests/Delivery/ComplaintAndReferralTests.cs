using ReliefPlatform.Delivery.Domain.Complaints;
using ReliefPlatform.Delivery.Domain.Referrals;

namespace ReliefPlatform.UnitTests.Delivery;

public sealed class ComplaintAndReferralTests
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static Complaint Take(ComplaintCategory category = ComplaintCategory.NotDelivered) =>
        Complaint.Receive(Guid.NewGuid(), "341525100", null, category, "送餐连续三天没有送到", "township", Taken);

    [Theory]
    [InlineData(ComplaintCategory.NotDelivered, 3)]
    [InlineData(ComplaintCategory.Safety, 3)]
    [InlineData(ComplaintCategory.ServiceQuality, 7)]
    [InlineData(ComplaintCategory.Fees, 15)]
    public void The_deadline_follows_the_category(ComplaintCategory category, int days)
    {
        Assert.Equal(Taken.AddDays(days), Take(category).DueBy);
    }

    [Fact]
    public void An_unresolved_complaint_past_its_deadline_is_overdue_and_a_resolved_one_is_not()
    {
        var complaint = Take();

        Assert.False(complaint.IsOverdue(Taken.AddDays(3)));
        Assert.True(complaint.IsOverdue(Taken.AddDays(3).AddMinutes(1)));
        complaint.Resolve("已更换送餐人员，补送三餐", Taken.AddDays(4));
        Assert.False(complaint.IsOverdue(Taken.AddDays(10)));
    }

    [Fact]
    public void A_complaint_closes_only_when_the_resident_accepts_and_a_refusal_reopens_it_with_a_new_deadline()
    {
        var complaint = Take();
        complaint.Assign("衡山镇社会救助服务中心");

        Assert.Throws<InvalidOperationException>(() => complaint.Accept(Taken));
        complaint.Resolve("已补送", Taken.AddDays(1));
        complaint.Reopen(Taken.AddDays(2));

        Assert.Equal(ComplaintStatus.Assigned, complaint.Status);
        Assert.Equal(Taken.AddDays(5), complaint.DueBy);
        Assert.Equal(1, complaint.Reopened);
        complaint.Resolve("已调整送餐时间", Taken.AddDays(3));
        complaint.Accept(Taken.AddDays(3));
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.Throws<InvalidOperationException>(() => complaint.Assign("x"));
    }

    [Fact]
    public void A_referral_is_followed_to_completion_or_declined_but_not_both()
    {
        var referral = Referral.Send(Guid.NewGuid(), "341525100", "human-resources", null, "长子失业，需就业援助", "caseworker", Taken, 15);

        Assert.Throws<InvalidOperationException>(() => referral.Complete("已安置", Taken));
        referral.Accept(Taken.AddDays(1));
        referral.Complete("已推荐至县工业园区就业", Taken.AddDays(10));

        Assert.Equal(ReferralStatus.Completed, referral.Status);
        Assert.Throws<InvalidOperationException>(() => referral.Decline("x", Taken.AddDays(11)));
    }
}
