using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.Telemetry;

namespace ReliefPlatform.Delivery.Apis;

public sealed record PlanLineRequest(bool? Included, string? Note);

/// <param name="UnmetReason">A matched line whose latest order or period found no service: <c>no-funds</c> (no budget could reserve its money), <c>no-contract</c> (no contract covered the period) or <c>contract-cap</c> (its contract had no units left); or <c>provider-suspended</c>: its provider was suspended or left the network and nobody else could take it.</param>
public sealed record PlanLineResponse(
    string ItemCode, string ItemName, int Times, string Per, int MinutesPerSession, string Reasons, bool Included, string? Note,
    string? ProviderId, Guid? WorkOrderId, string? MatchExplanation, bool Unmet, bool AwaitingMatch = false, DateTimeOffset? MatchRetryAt = null,
    IReadOnlyList<string>? RequiredContent = null, int StandardTimes = 0, string? UnmetReason = null);

/// <param name="ReviewOn">The household's next reassessment: the plan lasts until then, and is reviewed.</param>
public sealed record ServicePlanResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, Guid AssessmentId, int CatalogueVersion, PlanStatus Status, DateTimeOffset DraftedAt,
    DateTimeOffset? ApprovedAt, IReadOnlyList<PlanLineResponse> Lines, JsonElement Considered, DateOnly? ReviewOn = null);

/// <param name="AwaitingMatch">Lines waiting for the provider network to answer.</param>
/// <param name="Unmet">Lines no eligible, contracted provider could take.</param>
public sealed record ServicePlanSummary(
    Guid Id, Guid HouseholdId, string TownshipCode, PlanStatus Status, DateTimeOffset DraftedAt, DateTimeOffset? ApprovedAt, int Lines, int AwaitingMatch, int Unmet);

/// <summary>Service plans (服务计划): drafted from the catalogue's matching on each approved assessment, edited and approved by staff.</summary>
public static class ServicePlansApi
{
    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    /// <summary>Who may read plans and the unmet needs (the worklist counts them for the same people).</summary>
    internal static readonly string[] Readers = [.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Supervisor];

    public static IEndpointRouteBuilder MapServicePlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery").WithTags("ServicePlans").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).RequireAuthorization(p => p.RequireRole(Staff));

        group.MapGet("/households/{householdId:guid}/plans", ListPlans).WithName("ListServicePlans")
            .WithSummary("A household's service plans, newest first (earlier ones superseded, kept as history)");
        group.MapGet("/plans", ListQueue).WithName("ListServicePlanQueue")
            .WithSummary("The caseworkers' queue: drafts waiting for a decision, oldest first (or ?status=Approved, newest first); township staff see their own township's");
        group.MapGet("/plans/{id:guid}", GetPlan).WithName("GetServicePlan")
            .WithSummary("A plan with its lines and every catalogue item considered, with the reasons");
        write.MapPut("/plans/{id:guid}/lines/{itemCode}", DecideLine).ProducesProblem(StatusCodes.Status409Conflict).WithName("DecideServicePlanLine")
            .WithSummary("Include or leave out a proposed line, with a note");
        write.MapPost("/plans/{id:guid}/approve", ApprovePlan).ProducesProblem(StatusCodes.Status409Conflict).WithName("ApproveServicePlan")
            .WithSummary("Approve a draft plan (not by its last editor); ServicePlanApproved; then match providers and create work orders");
        write.MapPost("/plans/{id:guid}/match", MatchPlan).ProducesProblem(StatusCodes.Status409Conflict).WithName("MatchServicePlan")
            .WithSummary("Match the approved plan's unmatched lines again now (e.g. after a new contract); lines waiting for Provider are retried automatically");
        group.MapGet("/unmet-needs", ListUnmet).WithName("ListUnmetNeeds")
            .WithSummary("Lines of approved plans no eligible, contracted provider could take, with the reason");
        return app;
    }

    public static async Task<Ok<List<ServicePlanResponse>>> ListPlans(Guid householdId, DeliveryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Plans.AsNoTracking().Include(p => p.Lines).Where(p => p.HouseholdId == householdId)
            .OrderByDescending(p => p.DraftedAt).ToListAsync(cancellationToken)).Select(View).ToList());

    /// <summary>A caseworker's queue: plans in one state (drafts by default, oldest first), without the long list of items considered.</summary>
    public static async Task<Ok<List<ServicePlanSummary>>> ListQueue(
        PlanStatus? status, string? townshipCode, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var wanted = status ?? PlanStatus.Draft;
        var query = InQueue(db.Plans.AsNoTracking(), wanted, townshipCode);
        query = wanted == PlanStatus.Draft ? query.OrderBy(p => p.DraftedAt) : query.OrderByDescending(p => p.ApprovedAt ?? p.DraftedAt);
        return TypedResults.Ok(await query.Take(500)
            .Select(p => new ServicePlanSummary(p.Id, p.HouseholdId, p.TownshipCode, p.Status, p.DraftedAt, p.ApprovedAt,
                p.Lines.Count(l => l.Included), p.Lines.Count(l => l.Included && l.WorkOrderId == null && l.MatchRetryAt != null),
                p.Lines.Count(l => l.Included && l.ProviderId == null && l.MatchExplanation != null && l.MatchRetryAt == null)))
            .ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound>> GetPlan(Guid id, DeliveryDbContext db, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } plan
            ? TypedResults.Ok(View(plan))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecideLine(
        Guid id, string itemCode, PlanLineRequest? request, DeliveryDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null || plan.Lines.All(l => l.ItemCode != itemCode))
        {
            return TypedResults.NotFound();
        }

        if (request?.Included is not { } included || request.Note is { Length: > 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["included"] = ["请说明是否纳入该项服务（说明不超过 500 字）。"] }, title: "服务计划修改有误");
        }

        try
        {
            plan.Include(itemCode, included, request.Note?.Trim(), user.Id);
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.line", Subject(plan.Id), $"item={itemCode};included={included}", cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        return TypedResults.Ok(View(plan));
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ProblemHttpResult>> ApprovePlan(
        Guid id, DeliveryDbContext db, ProviderMatcher matcher, CurrentUser user, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            plan.Approve(user.Id, time.GetUtcNow());
            db.AddIntegrationEvent(new ServicePlanApproved(plan.Id, plan.HouseholdId, plan.TownshipCode, plan.AssessmentId,
                [.. plan.Lines.Where(l => l.Included).Select(l => new PlannedItem(l.ItemCode, l.Times, l.Per))], time.GetUtcNow()));
            await matcher.MatchAsync(plan, user.Id, cancellationToken);
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.approve", Subject(plan.Id), Matched(plan), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务计划刚被他人处理，请刷新后查看。");
        }

        // Approving orders what the plan matched: the act names the span that also created the work orders.
        BusinessActs.Record(loggers, "approve service plan", plan.HouseholdId);
        return TypedResults.Ok(View(plan));
    }

    public static async Task<Results<Ok<ServicePlanResponse>, NotFound, ProblemHttpResult>> MatchPlan(
        Guid id, DeliveryDbContext db, ProviderMatcher matcher, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        if (plan.Status != PlanStatus.Approved)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "只有已审批的服务计划可以匹配服务主体。");
        }

        await matcher.MatchAsync(plan, user.Id, cancellationToken);
        try
        {
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "plan.match", Subject(plan.Id), Matched(plan), cancellationToken);
        }
        catch (DbUpdateException ex) when (LostRace.To(ex))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务计划刚被匹配过，请刷新后查看。");
        }

        return TypedResults.Ok(View(plan));
    }

    public static async Task<Ok<List<ServicePlanResponse>>> ListUnmet(DeliveryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Unmet(db.Plans.AsNoTracking().Include(p => p.Lines))
            .OrderByDescending(p => p.ApprovedAt).Take(500).ToListAsync(cancellationToken)).Select(View).ToList());

    /// <summary>The plans a queue lists: one state, optionally one township.</summary>
    internal static IQueryable<ServicePlan> InQueue(IQueryable<ServicePlan> plans, PlanStatus status, string? townshipCode)
    {
        var query = plans.Where(p => p.Status == status);
        return townshipCode is null ? query : query.Where(p => p.TownshipCode == townshipCode);
    }

    /// <summary>Approved plans with a need no provider can serve (none matched, or the order ended without the service).</summary>
    /// <remarks>The line condition is also the filter of the index <c>IX_service_plan_lines_PlanId_Unmet</c>: change both together.</remarks>
    internal static IQueryable<ServicePlan> Unmet(IQueryable<ServicePlan> plans) =>
        plans.Where(p => p.Status == PlanStatus.Approved
            && p.Lines.Any(l => l.Included && ((l.ProviderId == null && l.MatchExplanation != null && l.MatchRetryAt == null) || l.UnmetReason != null)));

    private static string Subject(Guid planId) => $"plan:{planId}";

    /// <summary>The plan's included lines and the work orders its matching created (ids only).</summary>
    private static string Matched(ServicePlan plan) =>
        $"household={plan.HouseholdId};lines={plan.Lines.Count(l => l.Included)};orders={string.Join(',', plan.Lines.Where(l => l.WorkOrderId != null).Select(l => l.WorkOrderId))}";

    internal static ServicePlanResponse View(ServicePlan p)
    {
        using var considered = JsonDocument.Parse(p.Considered);
        return new ServicePlanResponse(p.Id, p.HouseholdId, p.TownshipCode, p.AssessmentId, p.CatalogueVersion, p.Status, p.DraftedAt, p.ApprovedAt,
            [.. p.Lines.OrderBy(l => l.ItemCode, StringComparer.Ordinal).Select(l => new PlanLineResponse(l.ItemCode, l.ItemName, l.Times, l.Per, l.MinutesPerSession, l.Reasons, l.Included, l.Note,
                l.ProviderId, l.WorkOrderId, l.MatchExplanation, l.Unmet, l.AwaitingMatch, l.MatchRetryAt, l.RequiredContent, l.StandardTimes, l.UnmetReason))],
            considered.RootElement.Clone(), p.ReviewOn);
    }
}
