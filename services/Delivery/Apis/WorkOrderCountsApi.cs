using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;

namespace ReliefPlatform.Delivery.Apis;

public sealed record WorkOrderStateCount(WorkOrderStatus Status, int Count);

/// <param name="States">Every state, in the order an order goes through them (none of a state: 0).</param>
public sealed record WorkOrderCounts(int Total, IReadOnlyList<WorkOrderStateCount> States);

/// <summary>
/// How many work orders are in each state, for the portal's chart: counted in the database with the list's own filters and
/// walls (township staff their township, provider staff their provider), so each state's figure is what the list filtered
/// by that state holds.
/// </summary>
public static class WorkOrderCountsApi
{
    public static IEndpointRouteBuilder MapWorkOrderCountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/delivery/work-orders/counts", Counts).WithTags("WorkOrders").RequireAuthorization(policy => policy.RequireRole(WorkOrdersApi.Readers))
            .WithName("CountWorkOrders")
            .WithSummary("Work orders by state (?householdId=&providerId=&townshipCode=&itemCode=&overdue=true&flagged=true), with the list's walls");
        return app;
    }

    public static async Task<Ok<WorkOrderCounts>> Counts(
        Guid? householdId, bool? overdue, bool? flagged, string? providerId, string? townshipCode, string? itemCode, DeliveryDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var counted = await WorkOrdersApi.Filter(db.WorkOrders, null, householdId, overdue, flagged, providerId, time.GetUtcNow(), townshipCode, itemCode)
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var states = Enum.GetValues<WorkOrderStatus>().Select(s => new WorkOrderStateCount(s, counted.GetValueOrDefault(s))).ToList();
        return TypedResults.Ok(new WorkOrderCounts(states.Sum(s => s.Count), states));
    }
}
