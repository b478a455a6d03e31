using Microsoft.Extensions.Time.Testing;
using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.UnitTests.Delivery;

public sealed class WorkOrderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    private static WorkOrder Order(decimal unitPrice = 60m, int standardMinutes = 120) =>
        WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 4, unitPrice, standardMinutes, "caseworker", Start);

    [Fact]
    public void An_order_goes_from_funds_to_a_confirmed_and_closed_service()
    {
        var order = Order();
        Assert.Equal(WorkOrderStatus.AwaitingFunds, order.Status);
        Assert.Equal(240m, order.Amount);

        Assert.True(order.FundsCommitted(Start));
        order.Schedule(new DateOnly(2026, 11, 30), "provider", Start);
        order.CheckIn("provider", Start.AddHours(50));
        order.CheckOut(ServiceRecords.Complete(4, "协助起居、个人卫生护理、安全照看"), "provider", Start.AddHours(52));
        order.Confirm(5, "township", Start.AddHours(53));
        order.Close("township", Start.AddHours(54));

        Assert.Equal(WorkOrderStatus.Closed, order.Status);
        Assert.Equal(120, order.Minutes);
        Assert.False(order.FlaggedShort);
        Assert.Equal(
            [WorkOrderStatus.AwaitingFunds, WorkOrderStatus.Assigned, WorkOrderStatus.Scheduled, WorkOrderStatus.InProgress, WorkOrderStatus.Delivered,
             WorkOrderStatus.Confirmed, WorkOrderStatus.Closed],
            order.Steps.Select(s => s.To));
    }

    [Fact]
    public void Illegal_moves_are_refused_and_leave_the_order_as_it_was()
    {
        var order = Order();

        Assert.Equal(["cancel"], Assert.Throws<WorkOrderStateException>(() => order.CheckIn("provider", Start)).AllowedMoves);
        Assert.Throws<WorkOrderStateException>(() => order.Schedule(new DateOnly(2026, 12, 1), "provider", Start));
        Assert.Throws<WorkOrderStateException>(() => order.Confirm(5, "township", Start));
        Assert.Equal(WorkOrderStatus.AwaitingFunds, order.Status);
        Assert.Single(order.Steps);
    }

    [Fact]
    public void A_late_or_repeated_funding_answer_changes_nothing()
    {
        var order = Order();
        order.FundsCommitted(Start);

        Assert.False(order.FundsCommitted(Start));
        Assert.False(order.FundsRejected(Start));
        Assert.Equal(WorkOrderStatus.Assigned, order.Status);
    }

    [Fact]
    public void A_service_shorter_than_the_standard_is_flagged_not_refused()
    {
        var order = Order();
        order.FundsCommitted(Start);
        order.Schedule(new DateOnly(2026, 11, 30), "provider", Start);
        order.CheckIn("provider", Start);

        order.CheckOut(ServiceRecords.Complete(4, "记录"), "provider", Start.AddMinutes(95));

        Assert.Equal(WorkOrderStatus.Delivered, order.Status);
        Assert.True(order.FlaggedShort);
    }

    [Fact]
    public void An_order_cannot_be_cancelled_once_the_service_has_started_and_needs_a_valid_satisfaction()
    {
        var order = Order();
        order.FundsCommitted(Start);
        order.Schedule(new DateOnly(2026, 11, 30), "provider", Start);
        order.CheckIn("provider", Start);

        Assert.Throws<WorkOrderStateException>(() => order.Cancel("plan-changed", "caseworker", Start));
        Assert.Throws<WorkOrderStateException>(() => order.CheckOut(ServiceRecords.Complete(5, "超过派单数量"), "provider", Start.AddHours(2)));
        order.CheckOut(ServiceRecords.Complete(3, "记录"), "provider", Start.AddHours(2));
        Assert.Throws<WorkOrderStateException>(() => order.Confirm(6, "township", Start));
        Assert.Equal(WorkOrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Free_work_needs_no_funds_and_is_assigned_at_once()
    {
        Assert.Equal(WorkOrderStatus.Assigned, Order(unitPrice: 0m).Status);
    }
}

public sealed class WorkOrderServiceLevelTests
{
    private static readonly ServiceLevelOptions Levels = new() { Items = { ["meal-delivery"] = new ServiceLevel(ResponseHours: 12, CompletionDays: 2) } };

    private static WorkOrder Order(FakeTimeProvider clock, string item = "daily-care", decimal unitPrice = 60m) =>
        WorkOrder.Create(Guid.NewGuid(), "341525100", item, "provider-1", 2026, "HS-2026-01", 2, unitPrice, 60, "caseworker", clock.GetUtcNow(),
            serviceLevel: Levels.For(item));

    [Fact]
    public void Deadlines_run_from_assignment_and_a_late_response_then_a_late_completion_are_each_reported_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
        var order = Order(clock);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Null(order.OverdueDeadline(clock.GetUtcNow()));

        order.FundsCommitted(clock.GetUtcNow());
        Assert.Equal(clock.GetUtcNow().AddHours(48), order.RespondBy);
        Assert.Equal(clock.GetUtcNow().AddDays(7), order.CompleteBy);

        clock.Advance(TimeSpan.FromHours(47));
        Assert.Null(order.ReportOverdue(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("response", order.ReportOverdue(clock.GetUtcNow()));
        Assert.Null(order.ReportOverdue(clock.GetUtcNow()));

        order.Schedule(DateOnly.FromDateTime(clock.GetUtcNow().AddDays(1).DateTime), "provider", clock.GetUtcNow());
        Assert.Null(order.OverdueDeadline(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal("completion", order.ReportOverdue(clock.GetUtcNow()));
        Assert.Null(order.ReportOverdue(clock.GetUtcNow().AddDays(1)));

        order.CheckIn("provider", clock.GetUtcNow());
        order.CheckOut(ServiceRecords.Complete(2, "送餐两次"), "provider", clock.GetUtcNow().AddHours(1));
        Assert.Null(order.OverdueDeadline(clock.GetUtcNow().AddDays(30)));
    }

    [Fact]
    public void An_items_own_service_level_applies_and_a_free_order_starts_its_clock_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
        var order = Order(clock, "meal-delivery", unitPrice: 0m);

        Assert.Equal(WorkOrderStatus.Assigned, order.Status);
        Assert.Equal(clock.GetUtcNow().AddHours(12), order.RespondBy);
        Assert.Equal(clock.GetUtcNow().AddDays(2), order.CompleteBy);
        clock.Advance(TimeSpan.FromDays(3));
        // Both deadlines have passed: the later, graver one is the one that counts.
        Assert.Equal("completion", order.OverdueDeadline(clock.GetUtcNow()));
    }

    [Fact]
    public void A_cancelled_order_is_never_overdue()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
        var order = Order(clock);
        order.FundsCommitted(clock.GetUtcNow());
        order.Cancel("plan-changed", "caseworker", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(30));

        Assert.Null(order.ReportOverdue(clock.GetUtcNow()));
    }
}

public sealed class WorkOrderReassignmentTests
{
    [Fact]
    public void A_scheduled_order_moves_to_another_provider_its_date_dropped_and_its_deadlines_restarted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 2, 60m, 60, "caseworker", clock.GetUtcNow());
        order.FundsCommitted(clock.GetUtcNow());
        order.Schedule(new DateOnly(2026, 11, 30), "provider-1", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(["schedule", "check-in", "reassign", "cancel"], order.AllowedMoves());

        order.Reassign("provider-2", null, "provider-unavailable", "township", clock.GetUtcNow());

        Assert.Equal(("provider-2", "provider-1", WorkOrderStatus.Assigned), (order.ProviderId, order.PreviousProviderId!, order.Status));
        Assert.Null(order.ScheduledOn);
        Assert.Equal(clock.GetUtcNow().AddHours(48), order.RespondBy);
        Assert.Null(order.OverdueDeadline(clock.GetUtcNow().AddHours(47)));
        Assert.Equal(WorkOrderStatus.Scheduled, order.Steps[^1].From);
    }

    [Fact]
    public void An_order_cannot_be_reassigned_to_its_own_provider_or_once_the_service_has_started()
    {
        var at = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 2, 60m, 60, "caseworker", at);
        Assert.Throws<WorkOrderStateException>(() => order.Reassign("provider-2", null, "household-request", "township", at));
        order.FundsCommitted(at);
        Assert.Throws<WorkOrderStateException>(() => order.Reassign("provider-1", null, "household-request", "township", at));
        order.Schedule(new DateOnly(2026, 11, 30), "provider-1", at);
        order.CheckIn("provider-1", at.AddHours(1));

        var refused = Assert.Throws<WorkOrderStateException>(() => order.Reassign("provider-2", null, "household-request", "township", at.AddHours(2)));
        Assert.Equal(["check-out"], refused.AllowedMoves);
        Assert.Equal("provider-1", order.ProviderId);
    }
}

public sealed class ConfirmationCodeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    private static WorkOrder Delivered()
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 1, 60m, 0, "caseworker", At);
        order.FundsCommitted(At);
        order.Schedule(new DateOnly(2026, 11, 28), "provider-1", At);
        order.CheckIn("provider-1", At.AddHours(1));
        order.CheckOut(ServiceRecords.Complete(1, "协助起居"), "provider-1", At.AddHours(2));
        return order;
    }

    [Fact]
    public void The_households_code_confirms_once_and_is_never_stored()
    {
        var order = Delivered();
        order.IssueConfirmationCode("493817", At.AddHours(3));
        Assert.DoesNotContain("493817", order.ConfirmationCodeHash!, StringComparison.Ordinal);

        Assert.False(order.ConfirmByCode("000000", 4, "provider-1", At.AddHours(4)));
        Assert.Equal(WorkOrderStatus.Delivered, order.Status);
        Assert.True(order.ConfirmByCode("493817", 4, "provider-1", At.AddHours(4)));

        Assert.Equal((WorkOrderStatus.Confirmed, 4, "code"), (order.Status, order.Satisfaction!.Value, order.ConfirmedVia!));
        Assert.Null(order.ConfirmationCodeHash);
        Assert.Throws<WorkOrderStateException>(() => order.ConfirmByCode("493817", 4, "provider-1", At.AddHours(5)));
    }

    [Fact]
    public void A_code_dies_after_five_wrong_tries_or_seven_days_and_a_new_one_replaces_it()
    {
        var order = Delivered();
        order.IssueConfirmationCode("111111", At);
        for (var i = 0; i < WorkOrder.MaxCodeFailures; i++)
        {
            Assert.False(order.ConfirmByCode("222222", 5, "provider-1", At));
        }

        Assert.Throws<WorkOrderStateException>(() => order.ConfirmByCode("111111", 5, "provider-1", At));
        order.IssueConfirmationCode("333333", At);
        Assert.Throws<WorkOrderStateException>(() => order.ConfirmByCode("333333", 5, "provider-1", At + WorkOrder.CodeLifetime + TimeSpan.FromSeconds(1)));
        Assert.True(order.ConfirmByCode("333333", 5, "provider-1", At + WorkOrder.CodeLifetime));
    }

    [Fact]
    public void No_code_before_delivery()
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 1, 60m, 0, "caseworker", At);
        Assert.Throws<WorkOrderStateException>(() => order.IssueConfirmationCode("123456", At));
    }
}

public sealed class SatisfactionCommentTests
{
    [Fact]
    public void A_comment_is_kept_trimmed_and_a_blank_one_not_at_all()
    {
        var at = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        WorkOrder Delivered()
        {
            var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "p", 2026, "HS-2026-01", 1, 60m, 0, "caseworker", at);
            order.FundsCommitted(at);
            order.Schedule(new DateOnly(2026, 11, 28), "p", at);
            order.CheckIn("p", at);
            order.CheckOut(ServiceRecords.Complete(1, "协助起居"), "p", at.AddHours(1));
            return order;
        }

        var commented = Delivered();
        commented.Confirm(2, "township", at.AddHours(2), "  来得太晚  ");
        var blank = Delivered();
        blank.Confirm(5, "township", at.AddHours(2), "   ");

        Assert.Equal(("来得太晚", "staff"), (commented.SatisfactionComment!, commented.ConfirmedVia!));
        Assert.Null(blank.SatisfactionComment);
    }
}
