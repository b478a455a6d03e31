using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>
/// Every act from every state: the acts an order names as allowed succeed, every other one is refused with the
/// allowed moves and leaves the order exactly as it was (state and steps).
/// </summary>
public sealed class WorkOrderStateMatrixTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 30);

    private static readonly Dictionary<string, Action<WorkOrder>> Acts = new(StringComparer.Ordinal)
    {
        ["schedule"] = o => o.Schedule(Day, "provider", At),
        ["check-in"] = o => o.CheckIn("provider", At),
        ["check-out"] = o => o.CheckOut(ServiceRecords.Complete(1, "记录"), "provider", At.AddHours(2)),
        ["confirm"] = o => o.Confirm(5, "township", At.AddHours(3)),
        ["close"] = o => o.Close("township", At.AddHours(4)),
        ["reassign"] = o => o.Reassign("provider-2", null, "household-request", "caseworker", At),
        ["cancel"] = o => o.Cancel("plan-changed", "caseworker", At),
    };

    /// <summary>An order brought to <paramref name="state"/> by legal moves.</summary>
    private static WorkOrder In(WorkOrderStatus state)
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 2, 60m, 60, "caseworker", At);
        switch (state)
        {
            case WorkOrderStatus.AwaitingFunds:
                return order;
            case WorkOrderStatus.Rejected:
                order.FundsRejected(At);
                return order;
            case WorkOrderStatus.Cancelled:
                order.Cancel("plan-changed", "caseworker", At);
                return order;
        }

        order.FundsCommitted(At);
        var path = new[] { WorkOrderStatus.Scheduled, WorkOrderStatus.InProgress, WorkOrderStatus.Delivered, WorkOrderStatus.Confirmed, WorkOrderStatus.Closed };
        foreach (var (step, act) in path.Zip(["schedule", "check-in", "check-out", "confirm", "close"]))
        {
            if (order.Status == state)
            {
                break;
            }

            Acts[act](order);
            Assert.Equal(step, order.Status);
        }

        Assert.Equal(state, order.Status);
        return order;
    }

    public static TheoryData<WorkOrderStatus, string> EveryStateAndAct()
    {
        var data = new TheoryData<WorkOrderStatus, string>();
        foreach (var state in Enum.GetValues<WorkOrderStatus>())
        {
            foreach (var act in Acts.Keys)
            {
                data.Add(state, act);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAct))]
    public void An_act_succeeds_exactly_when_the_order_names_it_allowed(WorkOrderStatus state, string act)
    {
        var order = In(state);
        var allowed = order.AllowedMoves();
        var steps = order.Steps.Count;

        if (allowed.Contains(act))
        {
            Acts[act](order);
            Assert.True(order.Steps.Count > steps, $"{act} from {state} moved the order");
        }
        else
        {
            var refused = Assert.Throws<WorkOrderStateException>(() => Acts[act](order));
            Assert.Equal(allowed, refused.AllowedMoves);
            Assert.Equal(state, order.Status);
            Assert.Equal(steps, order.Steps.Count);
        }
    }

    [Fact]
    public void Finished_orders_allow_nothing()
    {
        Assert.All([WorkOrderStatus.Closed, WorkOrderStatus.Cancelled, WorkOrderStatus.Rejected], state => Assert.Empty(In(state).AllowedMoves()));
    }
}
