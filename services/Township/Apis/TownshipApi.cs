using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Township.Domain.Captures;
using ReliefPlatform.Township.Domain.Complaints;
using ReliefPlatform.Township.Domain.Households;
using ReliefPlatform.Township.Domain.Orders;
using ReliefPlatform.Township.Domain.Worklist;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.Apis;

public sealed record TownshipResponse(string Code, string Name);

public sealed record LocalHouseholdResponse(
    Guid HouseholdId, string VillageCode, string Category, int MemberCount, DateTimeOffset RegisteredAt, string? Degree, DateOnly? ReassessmentDueOn,
    bool IsRegistered)
{
    public static LocalHouseholdResponse From(LocalHousehold h) =>
        new(h.HouseholdId, h.VillageCode, h.Category, h.MemberCount, h.RegisteredAt, h.Degree, h.ReassessmentDueOn, h.IsRegistered);
}

/// <param name="Total">Households matching the filters (all pages).</param>
public sealed record LocalHouseholdPage(IReadOnlyList<LocalHouseholdResponse> Items, int Page, int PageSize, int Total);

public sealed record TaskView(
    Guid Id, VisitTaskKind Kind, string KindName, Guid HouseholdId, string VillageCode, string Reason, DateOnly DueOn, bool Overdue, bool DueToday,
    string? AssignedTo, VisitTaskState State);

/// <param name="Overdue">The deadline the order passed (response or completion) while it was still with the provider, if any.</param>
/// <param name="RecordGaps">What the provider's record lacks, in Chinese (required content, evidence, position) — to ask the resident about when confirming.</param>
public sealed record OrderView(
    Guid Id, Guid HouseholdId, string ItemCode, string ProviderId, int Units, HubOrderStatus Status, string StatusName, int? Minutes, bool FlaggedShort,
    int? Satisfaction, bool ConfirmedHere, string? Overdue, IReadOnlyList<string>? RecordGaps = null);

public sealed record ComplaintView(Guid Id, Guid HouseholdId, string Category, DateTimeOffset DueBy, bool Overdue, bool Closed);

/// <param name="OverdueSince">When the hub escalated it: the department missed <paramref name="DueBy"/>.</param>
public sealed record ReferralView(Guid Id, Guid HouseholdId, string Department, string DepartmentName, DateTimeOffset DueBy, DateTimeOffset? OverdueSince);

public sealed record CaptureView(
    Guid Id, CaptureKind Kind, Guid HouseholdId, Guid? SubjectId, CaptureState State, DateTimeOffset CapturedAt, DateTimeOffset? ForwardedAt,
    int Attempts, string? LastError, string? ConflictReason, bool Acknowledged)
{
    public static CaptureView From(Capture c) => new(
        c.Id, c.Kind, c.HouseholdId, c.SubjectId, c.State, c.CapturedAt, c.ForwardedAt, c.Attempts, c.LastError, c.ConflictReason, c.AcknowledgedBy is not null);
}

/// <param name="Pending">Accepted here, not yet at the hub.</param>
/// <param name="Conflicts">Refused by the hub and not yet acknowledged by staff.</param>
public sealed record SyncView(int Pending, DateTimeOffset? OldestPendingAt, string? LastError, IReadOnlyList<CaptureView> Conflicts);

/// <param name="Visits">Open discovery and reassessment visits due within a week (overdue first).</param>
/// <param name="FollowUps">Low-satisfaction follow-up visits.</param>
/// <param name="ToConfirm">Delivered services waiting for the resident's confirmation.</param>
/// <param name="LateOrders">Orders past their response or completion deadline, to follow up with the provider.</param>
/// <param name="Complaints">Open complaints by deadline (township staff only).</param>
/// <param name="LateReferrals">Referrals a department did not finish by their deadline, escalated by the hub, to chase (township staff only).</param>
public sealed record WorklistResponse(
    DateOnly Today, IReadOnlyList<TaskView> Visits, IReadOnlyList<TaskView> FollowUps, IReadOnlyList<OrderView> ToConfirm,
    IReadOnlyList<OrderView> LateOrders, IReadOnlyList<ComplaintView> Complaints, SyncView Sync, IReadOnlyList<ReferralView> LateReferrals);

public sealed record HouseholdPictureResponse(
    LocalHouseholdResponse Household, IReadOnlyList<TaskView> Tasks, IReadOnlyList<OrderView> WorkOrders, IReadOnlyList<ComplaintView> Complaints,
    IReadOnlyList<CaptureView> Captures);

public sealed record AssignTaskRequest(string? VisitorId);

/// <summary>
/// The township centre's own API: its local picture (from the hub's events), the worklist, and the front desk,
/// which accepts visits, confirmations and complaints even when the hub is unreachable and forwards them later.
/// </summary>
public static class TownshipApi
{
    public const int WorklistHorizonDays = 7;
    private static readonly string[] Staff = [ReliefRoles.TownshipStaff, ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];

    public static IEndpointRouteBuilder MapTownshipApi(this IEndpointRouteBuilder app)
    {
        // The township wall: staff of this township and county-wide roles only, on every endpoint.
        var township = app.ServiceProvider.GetRequiredService<CurrentTownship>();
        var group = app.MapGroup("/api/township").WithTags("Township")
            .RequireAuthorization(policy => policy.RequireAssertion(context => new CurrentUser(context.User).MayAccessTownship(township.Code)));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy);

        group.MapGet("/", () => TypedResults.Ok(new TownshipResponse(township.Code, township.Name)))
            .WithName("GetTownship").WithSummary("Which township centre this service is");
        group.MapGet("/worklist", GetWorklist).WithName("GetWorklist")
            .WithSummary("Today's and overdue visits, follow-ups, services to confirm, complaints due, referrals departments let pass their deadline; a village visitor sees the visits assigned to them");
        group.MapGet("/households", ListHouseholds).WithName("ListLocalHouseholds")
            .WithSummary("The township's households as the centre knows them (no names or ID numbers), by village and category, newest first, paged");
        group.MapGet("/households/{householdId:guid}", GetHousehold).WithName("GetLocalHousehold")
            .WithSummary("A household of this township: tasks, work orders, complaints and what is waiting to sync");
        write.MapPost("/tasks/{id:guid}/assign", AssignTask).RequireAuthorization(p => p.RequireRole(Staff)).WithName("AssignTask")
            .WithSummary("Assign a visit to a village visitor");
        write.MapPost("/visits", RecordVisit).ProducesProblem(StatusCodes.Status409Conflict).WithName("RecordVisit")
            .WithSummary("Record a home visit (with assessment answers if taken); forwarded to Assessment");
        write.MapPost("/work-orders/{id:guid}/confirm", Confirm).ProducesProblem(StatusCodes.Status409Conflict).WithName("ConfirmService")
            .WithSummary("A resident confirms a delivered service with satisfaction 1–5; forwarded to Delivery");
        write.MapPost("/complaints", TakeComplaint).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("TakeTownshipComplaint")
            .WithSummary("Take a resident's complaint; forwarded to Delivery");
        write.MapPost("/registrations", Register).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("TakeRegistration")
            .WithSummary("A household applies at the centre (依申请): the applicant and household, forwarded to the registry");
        group.MapGet("/sync", GetSync).WithName("GetSync").WithSummary("What is waiting to reach the hub, and what the hub refused");
        write.MapPost("/sync/{id:guid}/acknowledge", Acknowledge).RequireAuthorization(p => p.RequireRole(Staff)).WithName("AcknowledgeConflict")
            .WithSummary("Staff have seen a refused capture and dealt with it");
        return app;
    }

    public static async Task<Ok<WorklistResponse>> GetWorklist(TownshipDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        var horizon = today.AddDays(WorklistHorizonDays);
        var isVisitor = user.IsInRole(ReliefRoles.VillageVisitor) && !Staff.Any(user.IsInRole);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.State == VisitTaskState.Open);
        tasks = isVisitor ? tasks.Where(t => t.AssignedTo == user.Id) : tasks;
        var open = await tasks.Where(t => t.DueOn <= horizon || t.Kind == VisitTaskKind.LowSatisfaction)
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id).Take(500).ToListAsync(cancellationToken);
        var toConfirm = await db.WorkOrders.AsNoTracking().Where(o => o.Status == HubOrderStatus.Delivered && o.ConfirmedHereAt == null)
            .OrderBy(o => o.UpdatedAt).Take(200).ToListAsync(cancellationToken);
        var late = isVisitor ? [] : await db.WorkOrders.AsNoTracking()
            .Where(o => o.OverdueDeadline != null && (o.Status == HubOrderStatus.Ordered || o.Status == HubOrderStatus.Assigned))
            .OrderBy(o => o.OverdueSince).Take(200).ToListAsync(cancellationToken);
        var complaints = isVisitor ? [] : await db.Complaints.AsNoTracking().Where(c => c.ClosedAt == null)
            .OrderBy(c => c.DueBy).Take(200).ToListAsync(cancellationToken);
        var lateReferrals = isVisitor ? [] : await db.Referrals.AsNoTracking().Where(r => r.ClosedAt == null && r.OverdueSince != null)
            .OrderBy(r => r.DueBy).Take(200).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new WorklistResponse(
            today,
            [.. open.Where(t => t.Kind != VisitTaskKind.LowSatisfaction).Select(t => View(t, today))],
            [.. open.Where(t => t.Kind == VisitTaskKind.LowSatisfaction).Select(t => View(t, today))],
            [.. toConfirm.Select(View)],
            [.. late.Select(View)],
            [.. complaints.Select(c => View(c, now))],
            await SyncAsync(db, cancellationToken),
            [.. lateReferrals.Select(r => new ReferralView(r.Id, r.HouseholdId, r.Department,
                Contracts.Departments.Referable.GetValueOrDefault(r.Department, r.Department), r.DueBy, r.OverdueSince))]));
    }

    public const int MaxPageSize = 100;

    public static async Task<Results<Ok<LocalHouseholdPage>, ValidationProblem>> ListHouseholds(
        string? villageCode, string? category, int? page, int? pageSize, CurrentTownship township, TownshipDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // A household handed over to the township it moved to is no longer this centre's.
        var households = db.Households.AsNoTracking().Where(h => h.MovedAwayAt == null);
        if (!string.IsNullOrEmpty(villageCode))
        {
            if (!township.Villages.Any(v => v.Code == villageCode))
            {
                errors["villageCode"] = [$"“{villageCode}”不是{township.Name}的村（社区）。"];
            }

            households = households.Where(h => h.VillageCode == villageCode);
        }

        if (!string.IsNullOrEmpty(category))
        {
            // The category by its code (MinimumLivingGuarantee) or its name (低保).
            var code = Contracts.HouseholdCategories.Names.ContainsKey(category) ? category
                : Contracts.HouseholdCategories.Names.FirstOrDefault(c => c.Value == category).Key;
            if (code is null)
            {
                errors["category"] = [$"救助类别应为 {string.Join("、", Contracts.HouseholdCategories.Names.Values)}。"];
            }

            households = households.Where(h => h.Category == code);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "家庭筛选条件有误");
        }

        var paging = Paging.Of(page, pageSize, MaxPageSize);
        var total = await households.CountAsync(cancellationToken);
        var items = await households.OrderByDescending(h => h.RegisteredAt).ThenBy(h => h.HouseholdId).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new LocalHouseholdPage([.. items.Select(LocalHouseholdResponse.From)], paging.Number, paging.Size, total));
    }

    public static async Task<Results<Ok<HouseholdPictureResponse>, NotFound>> GetHousehold(
        Guid householdId, TownshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.HouseholdId == householdId, cancellationToken);
        if (household is null || household.MovedAwayAt is not null)
        {
            // Never heard of, or handed over to the township it moved to.
            return TypedResults.NotFound();
        }

        var today = time.CountyToday();
        var now = time.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.HouseholdId == householdId).OrderByDescending(t => t.DueOn).Take(100).ToListAsync(cancellationToken);
        var orders = await db.WorkOrders.AsNoTracking().Where(o => o.HouseholdId == householdId).OrderByDescending(o => o.UpdatedAt).Take(100).ToListAsync(cancellationToken);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.HouseholdId == householdId).OrderByDescending(c => c.ReceivedAt).Take(100).ToListAsync(cancellationToken);
        var captures = await db.Captures.AsNoTracking().Where(c => c.HouseholdId == householdId).OrderByDescending(c => c.Sequence).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdPictureResponse(
            LocalHouseholdResponse.From(household), [.. tasks.Select(t => View(t, today))], [.. orders.Select(View)], [.. complaints.Select(c => View(c, now))],
            [.. captures.Select(CaptureView.From)]));
    }

    public static async Task<Results<Ok<TaskView>, NotFound, ValidationProblem>> AssignTask(
        Guid id, AssignTaskRequest? request, TownshipDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id && t.State == VisitTaskState.Open, cancellationToken);
        if (task is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request?.VisitorId) || request.VisitorId.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["visitorId"] = ["请选择村级走访员。"] }, title: "派发走访有误");
        }

        var before = task.AssignedTo;
        task.AssignTo(request.VisitorId.Trim());
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, before is null ? "task.assign" : "task.reassign", $"task:{task.Id}",
            $"household={task.HouseholdId};kind={task.Kind};from={before};to={task.AssignedTo}", cancellationToken);
        return TypedResults.Ok(View(task, time.CountyToday()));
    }

    public static async Task<Results<Accepted<CaptureView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordVisit(
        VisitRequest? request, FrontDesk desk, CancellationToken cancellationToken) =>
        Answer(await desk.RecordVisitAsync(request ?? new VisitRequest(null, null, null, null, null, null, null), cancellationToken), "走访信息有误");

    public static async Task<Results<Accepted<CaptureView>, NotFound, ValidationProblem, ProblemHttpResult>> Confirm(
        Guid id, ConfirmationRequest? request, FrontDesk desk, CancellationToken cancellationToken) =>
        Answer(await desk.ConfirmAsync(id, request ?? new ConfirmationRequest(null), cancellationToken), "服务确认有误");

    public static async Task<Results<Accepted<CaptureView>, NotFound, ValidationProblem, ProblemHttpResult>> TakeComplaint(
        TownshipComplaintRequest? request, FrontDesk desk, CancellationToken cancellationToken) =>
        Answer(await desk.TakeComplaintAsync(request ?? new TownshipComplaintRequest(null, null, null, null), cancellationToken), "投诉信息有误");

    public static async Task<Results<Accepted<CaptureView>, NotFound, ValidationProblem, ProblemHttpResult>> Register(
        RegistrationRequest? request, FrontDesk desk, CurrentTownship township, CancellationToken cancellationToken) =>
        Answer(await desk.RegisterAsync(request ?? new RegistrationRequest(null, null, null, null), township, cancellationToken), "申请登记信息有误");

    public static async Task<Ok<SyncView>> GetSync(TownshipDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SyncAsync(db, cancellationToken));

    public static async Task<Results<Ok<CaptureView>, NotFound>> Acknowledge(
        Guid id, TownshipDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var capture = await db.Captures.FirstOrDefaultAsync(c => c.Id == id && c.State == CaptureState.Conflict, cancellationToken);
        if (capture is null)
        {
            return TypedResults.NotFound();
        }

        capture.Acknowledge(user.Id);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "capture.acknowledge", $"capture:{capture.Id}",
            $"kind={capture.Kind};household={capture.HouseholdId}", cancellationToken);
        return TypedResults.Ok(CaptureView.From(capture));
    }

    public static async Task<SyncView> SyncAsync(TownshipDbContext db, CancellationToken cancellationToken)
    {
        var pending = db.Captures.AsNoTracking().Where(c => c.State == CaptureState.Pending);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = await pending.OrderBy(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        var conflicts = await db.Captures.AsNoTracking().Where(c => c.State == CaptureState.Conflict && c.AcknowledgedBy == null)
            .OrderBy(c => c.Sequence).Take(100).ToListAsync(cancellationToken);
        return new SyncView(count, oldest?.CapturedAt, oldest?.LastError, [.. conflicts.Select(CaptureView.From)]);
    }

    public static string KindName(VisitTaskKind kind) => kind switch
    {
        VisitTaskKind.DiscoveryVisit => "预警走访",
        VisitTaskKind.Reassessment => "复评走访",
        _ => "低满意度回访",
    };

    private static Results<Accepted<CaptureView>, NotFound, ValidationProblem, ProblemHttpResult> Answer(DeskResult result, string title) => result switch
    {
        { Capture: { } capture } => TypedResults.Accepted($"/api/township/households/{capture.HouseholdId}", CaptureView.From(capture)),
        { NotFound: true } => TypedResults.NotFound(),
        { Conflict: { } reason } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: reason),
        _ => TypedResults.ValidationProblem(result.Errors!, title: title),
    };

    private static TaskView View(VisitTask t, DateOnly today) => new(
        t.Id, t.Kind, KindName(t.Kind), t.HouseholdId, t.VillageCode, t.Reason, t.DueOn, t.IsOverdue(today), t.DueOn == today, t.AssignedTo, t.State);

    private static OrderView View(LocalWorkOrder o) => new(
        o.Id, o.HouseholdId, o.ItemCode, o.ProviderId, o.Units, o.Status, FrontDesk.OrderStatusName(o.Status), o.Minutes, o.FlaggedShort, o.Satisfaction,
        o.ConfirmedHereAt is not null, o.NeedsFollowUp ? o.OverdueDeadline : null, FrontDesk.RecordGaps(o.RecordFlags, withLength: false));

    private static ComplaintView View(LocalComplaint c, DateTimeOffset now) => new(c.Id, c.HouseholdId, c.Category, c.DueBy, c.ClosedAt is null && c.DueBy < now, c.ClosedAt is not null);
}
