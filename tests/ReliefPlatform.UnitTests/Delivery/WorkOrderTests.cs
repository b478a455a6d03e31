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
        order.CheckOut(4, "协助起居、个人卫生护理、安全照看", "provider", Start.AddHours(52));
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

        order.CheckOut(4, "记录", "provider", Start.AddMinutes(95));

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
        Assert.Throws<WorkOrderStateException>(() => order.CheckOut(5, "超过派单数量", "provider", Start.AddHours(2)));
        order.CheckOut(3, "记录", "provider", Start.AddHours(2));
        Assert.Throws<WorkOrderStateException>(() => order.Confirm(6, "township", Start));
        Assert.Equal(WorkOrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Free_work_needs_no_funds_and_is_assigned_at_once()
    {
        Assert.Equal(WorkOrderStatus.Assigned, Order(unitPrice: 0m).Status);
    }
}
