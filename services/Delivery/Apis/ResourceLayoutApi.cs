using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.ResourceLayout;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Apis;

public sealed record ResourceLayoutResponse(DateOnly From, DateOnly To, IReadOnlyList<ResourceGap> Cells);

/// <summary>
/// 资源布局: per township × catalogue item, demand (households whose current service plan includes the item, and the sessions
/// a week those lines ask for) against supply (Provider's approved, qualified providers' weekly capacity there) and delivery
/// (orders delivered in the period) — gaps ranked, so the hub sees where to buy or incubate next. Read by the dashboard.
/// Township staff see their own township's cells (the township wall).
/// </summary>
public static class ResourceLayoutApi
{
    private static readonly WorkOrderStatus[] Done = [WorkOrderStatus.Delivered, WorkOrderStatus.Confirmed, WorkOrderStatus.Closed];

    public static IEndpointRouteBuilder MapResourceLayoutApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/delivery").WithTags("ResourceLayout")
            .RequireAuthorization(policy => policy.RequireRole(
                ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff, ReliefRoles.Supervisor, ReliefRoles.Finance))
            .MapGet("/resource-layout", Get).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetResourceLayout")
            .WithSummary("Per township × item: households needing it and sessions a week asked, providers' weekly capacity, orders delivered from..to (default this month); gaps ranked worst first (?townshipCode=&itemCode=)");
        return app;
    }

    public static async Task<Results<Ok<ResourceLayoutResponse>, ValidationProblem, ProblemHttpResult>> Get(
        DateOnly? from, DateOnly? to, string? townshipCode, string? itemCode, DeliveryDbContext db, CurrentUser user, IHttpClientFactory clients, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        var (start, end) = (from ?? new DateOnly(today.Year, today.Month, 1), to ?? today);
        if (end < start || end.DayNumber - start.DayNumber > 366)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["截止日期应不早于起始日期，且区间不超过一年。"] }, title: "查询条件有误");
        }

        var township = user.WalledTownship ?? townshipCode;
        IReadOnlyList<SupplyCell> supply;
        try
        {
            supply = await clients.CreateClient(ResourceNames.Provider).GetFromJsonAsync<List<SupplyCell>>("/api/provider/capacity", cancellationToken) ?? [];
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "暂时无法取得服务主体的服务能力，请稍后再试。");
        }

        var lines = db.Plans.AsNoTracking().Where(p => p.Status != PlanStatus.Superseded)
            .SelectMany(p => p.Lines.Where(l => l.Included).Select(l => new { p.TownshipCode, p.HouseholdId, l.ItemCode, l.Times, l.Per }));
        var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), CountyClock.ChinaStandardTime).ToUniversalTime();
        var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), CountyClock.ChinaStandardTime).ToUniversalTime();
        var orders = db.WorkOrders.AsNoTracking().Where(o => Done.Contains(o.Status) && o.CheckedOutAt >= since && o.CheckedOutAt < until);
        if (township is not null)
        {
            lines = lines.Where(l => l.TownshipCode == township);
            orders = orders.Where(o => o.TownshipCode == township);
        }

        if (itemCode is not null)
        {
            lines = lines.Where(l => l.ItemCode == itemCode);
            orders = orders.Where(o => o.ItemCode == itemCode);
        }

        var demand = (await lines.ToListAsync(cancellationToken))
            .GroupBy(l => (l.TownshipCode, l.ItemCode))
            .Select(g => new ItemDemand(g.Key.TownshipCode, g.Key.ItemCode, g.Select(l => l.HouseholdId).Distinct().Count(),
                g.Sum(l => ResourceLayoutRanking.PerWeek(l.Times, l.Per))));
        var delivered = (await orders.Select(o => new { o.TownshipCode, o.ItemCode, o.HouseholdId }).ToListAsync(cancellationToken))
            .GroupBy(o => (o.TownshipCode, o.ItemCode))
            .Select(g => new ItemDelivery(g.Key.TownshipCode, g.Key.ItemCode, g.Count(), g.Select(o => o.HouseholdId).Distinct().Count()));
        var offered = supply
            .Where(s => (township is null || s.TownshipCode == township) && (itemCode is null || s.ItemCode == itemCode))
            .Select(s => new ItemSupply(s.TownshipCode, s.ItemCode, s.Providers, s.WeeklyCapacity));
        return TypedResults.Ok(new ResourceLayoutResponse(start, end, ResourceLayoutRanking.Rank(demand, offered, delivered)));
    }

    /// <summary>Provider's answer from <c>/api/provider/capacity</c>.</summary>
    private sealed record SupplyCell(string TownshipCode, string ItemCode, int Providers, decimal WeeklyCapacity);
}
