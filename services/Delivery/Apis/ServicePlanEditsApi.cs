using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Reason">Why the caseworker adds it (kept on the line as its note, up to 500 characters).</param>
public sealed record AddPlanItemRequest(string? ItemCode, string? Reason);

public sealed record RemovePlanLineRequest(string? Reason);

/// <param name="Times">Sessions per period (the period is the item's standard's): 1 up to the standard's number for this household.</param>
public sealed record PlanLineFrequencyRequest(int? Times, string? Reason);

/// <param name="Overdue">The period ended and its order was not delivered: a missed period.</param>
public sealed record LinePeriodResponse(
    string ItemCode, DateOnly Starts, DateOnly Ends, Guid? WorkOrderId, WorkOrderStatus? OrderStatus, string? UnmetReason, bool Overdue);

/// <summary>
/// Plans caseworkers own: add an item the household is eligible for (the catalogue's matching decides, as for the draft),
/// remove a line, or set a line's frequency within the item's standard — each with a reason, audited in the act's
/// transaction. On an approved plan an added line is matched to a provider at once; a removed line's orders not yet
/// started are cancelled (<c>plan-changed</c>), and a new frequency applies to every period not yet begun.
/// </summary>
public static partial class ServicePlanEditsApi
{
    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapServicePlanEditsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery/plans").WithTags("ServicePlans")
            .RequireAuthorization(policy => policy.RequireRole([.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Supervisor]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).RequireAuthorization(p => p.RequireRole(Staff));

        write.MapPost("/{id:guid}/items", AddItem).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("AddServicePlanItem")
            .WithSummary("Add a catalogue item the household is eligible for (checked by the catalogue's matching; a refusal says why), with a reason; on an approved plan it is matched to a provider at once");
        write.MapPost("/{id:guid}/lines/{itemCode}/remove", RemoveLine).ProducesProblem(StatusCodes.Status409Conflict).WithName("RemoveServicePlanLine")
            .WithSummary("Take a line out of the plan with a reason; no further periods are ordered and its orders not yet started are cancelled (plan-changed)");
        write.MapPut("/{id:guid}/lines/{itemCode}/frequency", ChangeFrequency).ProducesProblem(StatusCodes.Status409Conflict).WithName("ChangeServicePlanLineFrequency")
            .WithSummary("Set a line's sessions per period within the item's standard for this household, with a reason; periods not yet begun are ordered again at it");
        group.MapGet("/{id:guid}/periods", ListPeriods).WithName("ListServicePlanPeriods")
            .WithSummary("Each recurring line's periods: the period's work order and its state, or why the period is an unmet need; missed periods marked overdue");
        return app;
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddItem(
        Guid id, AddPlanItemRequest? request, DeliveryDbContext db, CatalogueMatching matching, ProviderMatcher matcher, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.ItemCode is not { } code || !CodePattern().IsMatch(code))
        {
            errors["itemCode"] = ["请填写服务事项编码。"];
        }

        if (Reason(request?.Reason) is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务计划修改有误");
        }

        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.HouseholdId == plan.HouseholdId, cancellationToken);
        if (recipient is null || plan.Status == PlanStatus.Superseded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务计划已被新的评估取代，请修改新的服务计划。");
        }

        CatalogueAnswer answer;
        try
        {
            answer = await matching.MatchAsync(plan.HouseholdId, plan.TownshipCode, recipient.Category, recipient.Degree, recipient.DifficultyTypes,
                recipient.NeedCodes, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "服务清单或家庭档案暂时无法访问，请稍后再试。");
        }

        var item = answer.Items.FirstOrDefault(i => i.Code == request!.ItemCode);
        if (item?.Proposal is not { } proposal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["itemCode"] = [item is null
                    ? $"施行中的服务清单没有服务事项“{request!.ItemCode}”。"
                    : $"该家庭不符合“{item.Name}”的条件：{string.Join(" ", item.Unmet)}"],
            }, title: "该家庭不能纳入此项服务");
        }

        try
        {
            var line = plan.AddItem(proposal, request!.Reason!.Trim(), user.Id);
            if (plan.Status == PlanStatus.Approved)
            {
                await matcher.MatchAsync(plan, user.Id, cancellationToken, itemCode: line.ItemCode);
            }

            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.item.add", Subject(plan.Id),
                $"item={line.ItemCode};times={line.Times};per={line.Per};order={line.WorkOrderId}", cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            return Changed();
        }

        return TypedResults.Ok(ServicePlansApi.View(plan));
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RemoveLine(
        Guid id, string itemCode, RemovePlanLineRequest? request, DeliveryDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var line = plan?.Lines.FirstOrDefault(l => l.ItemCode == itemCode && l.Included);
        if (plan is null || line is null)
        {
            return TypedResults.NotFound();
        }

        if (Reason(request?.Reason) is { } reasonError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [reasonError] }, title: "服务计划修改有误");
        }

        try
        {
            var firstOrder = line.WorkOrderId;
            plan.RemoveLine(itemCode, request!.Reason!.Trim(), user.Id);
            var cancelled = await CancelOrdersAsync(db, plan, itemCode, firstOrder, fromDay: null, user, time, cancellationToken);
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.item.remove", Subject(plan.Id),
                $"item={itemCode};cancelledOrders={string.Join(',', cancelled)}", cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            return Changed();
        }

        return TypedResults.Ok(ServicePlansApi.View(plan));
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeFrequency(
        Guid id, string itemCode, PlanLineFrequencyRequest? request, DeliveryDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var line = plan?.Lines.FirstOrDefault(l => l.ItemCode == itemCode && l.Included);
        if (plan is null || line is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Times is not { } times || times < 1 || times > line.StandardTimes)
        {
            errors["times"] = [line.FrequencyRange];
        }

        if (Reason(request?.Reason) is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务计划修改有误");
        }

        try
        {
            var before = line.Times;
            plan.ChangeFrequency(itemCode, request!.Times!.Value, request.Reason!.Trim(), user.Id);
            // Periods not yet begun were ordered at the old frequency: their orders are cancelled and their claims released,
            // so the recurrence orders them again at the new one (and Funding reserves the new amount).
            var cancelled = plan.Status == PlanStatus.Approved && ServicePeriod.Recurs(line.Per)
                ? await CancelOrdersAsync(db, plan, itemCode, null, fromDay: time.CountyToday().AddDays(1), user, time, cancellationToken)
                : [];
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.line.frequency", Subject(plan.Id),
                $"item={itemCode};from={before};to={line.Times};per={line.Per};cancelledOrders={string.Join(',', cancelled)}", cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            return Changed();
        }

        return TypedResults.Ok(ServicePlansApi.View(plan));
    }

    public static async Task<Results<Ok<List<LinePeriodResponse>>, NotFound>> ListPeriods(Guid id, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Plans.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var periods = await db.LinePeriods.AsNoTracking().Where(p => p.PlanId == id).OrderBy(p => p.ItemCode).ThenBy(p => p.Starts).ToListAsync(cancellationToken);
        var orderIds = periods.Where(p => p.WorkOrderId != null).Select(p => p.WorkOrderId!.Value).ToList();
        var orders = await db.WorkOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return TypedResults.Ok(periods.ConvertAll(p =>
        {
            var order = p.WorkOrderId is { } orderId ? orders.GetValueOrDefault(orderId) : null;
            return new LinePeriodResponse(p.ItemCode, p.Starts, p.Ends, p.WorkOrderId, order?.Status, p.UnmetReason, order?.OverdueDeadline(now) == "completion");
        }));
    }

    /// <summary>
    /// Cancels the line's orders not yet started (<c>plan-changed</c>, WorkOrderCancelled so Funding releases the money):
    /// every one, or only those of periods starting on or after <paramref name="fromDay"/>, whose claims are released.
    /// </summary>
    private static async Task<List<Guid>> CancelOrdersAsync(
        DeliveryDbContext db, ServicePlan plan, string itemCode, Guid? firstOrder, DateOnly? fromDay, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.WorkOrders.Include(o => o.Steps)
            .Where(o => ((o.PlanId == plan.Id && o.ItemCode == itemCode) || o.Id == firstOrder)
                && (o.Status == WorkOrderStatus.AwaitingFunds || o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled)
                && (fromDay == null || o.PeriodStarts >= fromDay))
            .ToListAsync(cancellationToken);
        foreach (var order in open)
        {
            order.Cancel("plan-changed", user.Id, now);
            db.AddIntegrationEvent(new WorkOrderCancelled(order.Id, order.HouseholdId, order.TownshipCode, "plan-changed", now));
        }

        if (fromDay is { } from)
        {
            db.LinePeriods.RemoveRange(await db.LinePeriods.Where(p => p.PlanId == plan.Id && p.ItemCode == itemCode && p.Starts >= from).ToListAsync(cancellationToken));
        }

        return [.. open.Select(o => o.Id)];
    }

    private static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength ? $"请说明原因（不超过 {MaxReasonLength} 字）。" : null;

    private static ProblemHttpResult Changed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务计划刚被他人修改，请刷新后重试。");

    private static string Subject(Guid planId) => $"plan:{planId}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
