using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class EmploymentStatusCorrectionTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A man born on 1978-05-04, recorded at registration as farming (no day known).</summary>
    private static Member Farmer()
    {
        const string first17 = "34152519780504001";
        Assert.True(IdNumber.TryParse(first17 + IdNumber.CheckCharacterOf(first17), Today, out var id, out _));
        return Member.Create(Guid.NewGuid(), "341525101", new ProtectedIdentity("n", "i", "x", "钱**", "3415**********001*"), id,
            new MemberFacts(Relationship.Head, null, null, false, false, null, EmploymentStatus.Farming));
    }

    [Fact]
    public void A_correction_sets_the_status_and_the_day_it_holds_from()
    {
        var member = Farmer();
        Assert.Null(member.EmploymentStatusSince);

        Assert.True(member.CorrectEmploymentStatus(EmploymentStatus.Unemployed, new DateOnly(2026, 10, 31), Today, Now));

        Assert.Equal((EmploymentStatus.Unemployed, new DateOnly(2026, 10, 31)), (member.EmploymentStatus, member.EmploymentStatusSince));
    }

    [Fact]
    public void The_same_status_from_the_same_day_again_is_no_change_but_a_new_day_is()
    {
        var member = Farmer();
        member.CorrectEmploymentStatus(EmploymentStatus.Unemployed, new DateOnly(2026, 10, 31), Today, Now);

        Assert.False(member.CorrectEmploymentStatus(EmploymentStatus.Unemployed, new DateOnly(2026, 10, 31), Today, Now));
        Assert.True(member.CorrectEmploymentStatus(EmploymentStatus.Unemployed, new DateOnly(2026, 10, 1), Today, Now));
        Assert.Equal(new DateOnly(2026, 10, 1), member.EmploymentStatusSince);
    }

    [Fact]
    public void A_day_in_the_future_or_before_the_member_was_born_is_refused_and_nothing_changes()
    {
        var member = Farmer();

        Assert.Equal("生效日期不能晚于今天。",
            Assert.Throws<HouseholdCorrectionException>(() => member.CorrectEmploymentStatus(EmploymentStatus.Employed, Today.AddDays(1), Today, Now)).Message);
        Assert.Equal("生效日期不能早于该成员的出生日期。",
            Assert.Throws<HouseholdCorrectionException>(() => member.CorrectEmploymentStatus(EmploymentStatus.Employed, new DateOnly(1978, 5, 3), Today, Now)).Message);
        Assert.Equal((EmploymentStatus.Farming, (DateOnly?)null), (member.EmploymentStatus, member.EmploymentStatusSince));
        Assert.True(member.CorrectEmploymentStatus(EmploymentStatus.Student, new DateOnly(1978, 5, 4), Today, Now));
    }
}
