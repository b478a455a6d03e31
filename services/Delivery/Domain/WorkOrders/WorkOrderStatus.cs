namespace ReliefPlatform.Delivery.Domain.WorkOrders;

public enum WorkOrderStatus
{
    /// <summary>待资金: waiting for Funding to reserve the money.</summary>
    AwaitingFunds,

    /// <summary>已派单</summary>
    Assigned,

    /// <summary>已预约</summary>
    Scheduled,

    /// <summary>服务中 (checked in)</summary>
    InProgress,

    /// <summary>已服务 (checked out with a record), waiting for the recipient's confirmation</summary>
    Delivered,

    /// <summary>已确认</summary>
    Confirmed,

    /// <summary>已办结</summary>
    Closed,

    /// <summary>资金不足，未派单</summary>
    Rejected,

    /// <summary>已取消</summary>
    Cancelled,
}
