using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

public sealed record AlertResponse(
    Guid Id, Guid HouseholdId, Guid SubjectId, string TownshipCode, string VillageCode, string Rule, string RuleName, DateTimeOffset RaisedAt,
    DateOnly VisitDueOn, bool Overdue, string Status, string? Resolution, DateTimeOffset? ClosedAt);

public sealed record CloseAlertRequest(string? Resolution);

/// <summary>Proactive-discovery alerts (主动发现预警): the visits they call for, and closing them once handled.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/alerts").WithTags("Discovery alerts")
            .RequireAuthorization(policy => policy.RequireRole(HouseholdsApi.RegistryRoles));
        group.MapGet("/", ListAlerts).WithName("ListAlerts").WithSummary("Alerts, soonest visit first; open ones unless status=Closed");
        group.MapPost("/{id:guid}/close", CloseAlert).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("CloseAlert").WithSummary("Close an alert once the visit (or an assessment) has dealt with it");
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<AlertResponse>>, ValidationProblem>> ListAlerts(
        AssessmentDbContext db, TimeProvider time, string? townshipCode, string? rule, Guid? householdId, string? status, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        // A filter that is not one of its values is refused, never ignored: ignoring it would answer a different question.
        var errors = new Dictionary<string, string[]>();
        var wanted = AlertStatus.Open;
        if (!string.IsNullOrEmpty(status) && !EnumCodes.TryParse(status, ignoreCase: true, out wanted))
        {
            errors["status"] = ["预警状态应为 Open（未关闭）或 Closed（已关闭）。"];
        }

        if (!string.IsNullOrEmpty(rule) && !DiscoveryRules.Names.ContainsKey(rule))
        {
            errors["rule"] = [$"预警规则应为：{string.Join("、", DiscoveryRules.Names.Select(r => $"{r.Key}（{r.Value}）"))}之一。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "预警筛选条件有误");
        }

        var paging = Paging.Of(page, pageSize);
        var query = db.Alerts.AsNoTracking().Where(a => a.Status == wanted);
        if (!string.IsNullOrEmpty(townshipCode))
        {
            query = query.Where(a => a.TownshipCode == townshipCode);
        }

        if (!string.IsNullOrEmpty(rule))
        {
            query = query.Where(a => a.Rule == rule);
        }

        if (householdId is not null)
        {
            query = query.Where(a => a.HouseholdId == householdId);
        }

        var total = await query.CountAsync(cancellationToken);
        var alerts = await query.OrderBy(a => a.VisitDueOn).ThenBy(a => a.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        var today = time.CountyToday();
        return TypedResults.Ok(new PagedResponse<AlertResponse>(alerts.ConvertAll(a => Response(a, today)), paging.Number, paging.Size, total));
    }

    public static async Task<Results<Ok<AlertResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAlert(
        Guid id, CloseAlertRequest request, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Resolution) || request.Resolution.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["resolution"] = ["请填写处理结果（不超过200字）。"] }, title: "关闭预警信息有误");
        }

        if (alert.Status == AlertStatus.Closed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "预警已关闭。");
        }

        alert.Close(user.Id, request.Resolution.Trim(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Response(alert, time.CountyToday()));
    }

    private static AlertResponse Response(DiscoveryAlert a, DateOnly today) => new(
        a.Id, a.HouseholdId, a.SubjectId, a.TownshipCode, a.VillageCode, a.Rule, DiscoveryRules.Names.GetValueOrDefault(a.Rule, a.Rule), a.RaisedAt,
        a.VisitDueOn, a.Status == AlertStatus.Open && a.VisitDueOn < today, a.Status.ToString(), a.Resolution, a.ClosedAt);
}
