using ReliefPlatform.Township.Domain.Captures;
using ReliefPlatform.Township.Domain.Orders;
using ReliefPlatform.Township.Domain.Worklist;

namespace ReliefPlatform.UnitTests.Townships;

public sealed class TownshipDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_late_event_never_moves_an_order_back()
    {
        var order = LocalWorkOrder.Heard(Guid.NewGuid(), Guid.NewGuid(), "daily-care", "p", 2, Now);
        order.Confirmed(5, Now.AddHours(2));
        order.Delivered(2, 90, flaggedShort: false, Now.AddHours(1));

        Assert.Equal(HubOrderStatus.Confirmed, order.Status);
        Assert.False(order.AwaitsConfirmation);
    }

    [Fact]
    public void A_confirmation_taken_here_waits_until_the_hub_confirms_or_refuses_it()
    {
        var order = LocalWorkOrder.Heard(Guid.NewGuid(), Guid.NewGuid(), "daily-care", "p", 1, Now);
        order.Delivered(1, 60, flaggedShort: true, Now);
        Assert.True(order.AwaitsConfirmation);

        order.ConfirmHere(4, Now.AddMinutes(1));
        Assert.False(order.AwaitsConfirmation);

        order.ConfirmationRefused(Now.AddMinutes(2));
        Assert.True(order.AwaitsConfirmation);
        order.ConfirmHere(4, Now.AddMinutes(3));
        order.Confirmed(4, Now.AddMinutes(4));
        Assert.Null(order.ConfirmedHereAt);
        Assert.Equal(HubOrderStatus.Confirmed, order.Status);
    }

    [Fact]
    public void A_failing_link_backs_off_up_to_fifteen_seconds_and_the_capture_stays_pending()
    {
        var capture = Capture.Take(CaptureKind.Visit, Guid.NewGuid(), null, "body", "staff", Now);
        var at = Now;
        var backoffs = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            capture.Failed("HttpRequestException", at);
            Assert.False(capture.IsDue(at));
            backoffs.Add(capture.NextAttemptAt!.Value - at);
            at = capture.NextAttemptAt.Value;
            Assert.True(capture.IsDue(at));
        }

        Assert.Equal(CaptureState.Pending, capture.State);
        Assert.Equal(12, capture.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), backoffs[0]);
        Assert.Equal(backoffs.Order(), backoffs);
        Assert.Equal(TimeSpan.FromSeconds(15), backoffs[^1]);
    }

    [Fact]
    public void A_refusal_is_final_and_kept_with_its_reason()
    {
        var capture = Capture.Take(CaptureKind.Confirmation, Guid.NewGuid(), Guid.NewGuid(), "body", "staff", Now);
        capture.Conflicted("只有已服务的工单可以确认。", Now.AddSeconds(1));

        Assert.Equal(CaptureState.Conflict, capture.State);
        Assert.False(capture.IsDue(Now.AddDays(1)));
        Assert.Equal("只有已服务的工单可以确认。", capture.ConflictReason);
        capture.Acknowledge("staff-2");
        capture.Acknowledge("staff-3");
        Assert.Equal("staff-2", capture.AcknowledgedBy);
    }

    [Fact]
    public void A_visit_is_overdue_only_after_its_day_and_only_while_open()
    {
        var today = new DateOnly(2026, 11, 28);
        var task = VisitTask.Raise(VisitTaskKind.DiscoveryVisit, Guid.NewGuid(), "341525101201", Guid.NewGuid(), "elderly-alone", today, Now);
        Assert.False(task.IsOverdue(today));
        Assert.True(task.IsOverdue(today.AddDays(1)));

        task.Complete("visitor", Now);
        task.Complete("someone-else", Now.AddHours(1));
        Assert.False(task.IsOverdue(today.AddDays(1)));
        Assert.Equal("visitor", task.DoneBy);
    }
}
