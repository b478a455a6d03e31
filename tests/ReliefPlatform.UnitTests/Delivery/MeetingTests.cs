using ReliefPlatform.Delivery.Domain.Coordination;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>协调会商: attendance of the invited, decisions owned by an invited department and due after the meeting, followed until done.</summary>
public sealed class MeetingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 3);

    private static Meeting Convene() =>
        Meeting.Convene(MeetingKind.CaseConference, "三户因学因病致困家庭的联合帮扶", Day, ["education", "health", "education"], [Guid.NewGuid()], "caseworker", Now);

    [Fact]
    public void A_meeting_invites_each_department_once_and_records_attendance_only_of_the_invited_from_its_day()
    {
        var meeting = Convene();
        Assert.Equal(["education", "health"], meeting.Invited);

        Assert.Throws<InvalidOperationException>(() => meeting.RecordAttendance(["education"], Day.AddDays(-1)));
        var stranger = Assert.Throws<InvalidOperationException>(() => meeting.RecordAttendance(["education", "justice"], Day));
        Assert.Contains("justice", stranger.Message, StringComparison.Ordinal);
        Assert.False(meeting.AttendanceRecorded);

        meeting.RecordAttendance(["health"], Day);
        Assert.Equal(["health"], meeting.Attended);
    }

    [Fact]
    public void A_decision_is_owned_by_an_invited_department_and_due_no_earlier_than_the_meeting()
    {
        var meeting = Convene();

        Assert.Throws<InvalidOperationException>(() => meeting.Decide("落实危房鉴定", "housing", Day.AddDays(10), Now));
        Assert.Throws<InvalidOperationException>(() => meeting.Decide("落实助学金", "education", Day.AddDays(-1), Now));
        var action = meeting.Decide("落实助学金", "education", Day.AddDays(10), Now);

        Assert.Equal((meeting.Id, "education", Day.AddDays(10)), (action.MeetingId, action.Owner, action.DueOn));
        Assert.Single(meeting.Actions);
    }

    [Fact]
    public void An_action_item_is_overdue_after_its_due_day_until_done_and_takes_no_notes_once_done()
    {
        var action = Convene().Decide("落实助学金", "education", Day.AddDays(10), Now);

        Assert.False(action.IsOverdue(Day.AddDays(10)));
        Assert.True(action.IsOverdue(Day.AddDays(11)));
        action.FollowUp("已提交资助申请");
        action.Complete("已发放助学金", "edu-officer", Now.AddDays(12));

        Assert.False(action.IsOverdue(Day.AddDays(30)));
        Assert.Equal(["已提交资助申请"], action.FollowUps);
        Assert.Throws<InvalidOperationException>(() => action.FollowUp("补充"));
        Assert.Throws<InvalidOperationException>(() => action.Complete("再次", "x", Now.AddDays(13)));
    }
}
