using System.Globalization;
using Microsoft.Extensions.Options;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.Providers;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Delivery.IntegrationEvents;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.ServiceDefaults.Telemetry;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="UnitPrice">Leave out to price the order by the purchase contract covering the provider, item and township (year and project then come from it).</param>
/// <param name="RequiredContent">What every session must include (the item's standard); the provider's record is checked against it.</param>
public sealed record WorkOrderRequest(
    Guid? HouseholdId, string? ItemCode, string? ProviderId, int? Year, string? ProjectCode, int? Units, decimal? UnitPrice, int? StandardMinutes,
    string[]? RequiredContent = null);

public sealed record ScheduleRequest(DateOnly? On);

/// <param name="Latitude">The device's position (WGS-84), when it has one.</param>
public sealed record CheckInRequest(double? Latitude = null, double? Longitude = null);

/// <param name="Record">What was done, in words (up to 2000 characters).</param>
/// <param name="ContentDone">Which of the order's required content (<c>requiredContent</c>) was done, each exactly as listed.</param>
/// <param name="Staff">The provider's staff numbers (工号) who gave the service, 1–10.</param>
/// <param name="Evidence">References to evidence kept elsewhere (photo or signed-sheet ids), up to 20.</param>
/// <param name="Place">home (default), centre or remote.</param>
/// <param name="Latitude">The device's position at check-out (WGS-84); expected for home and centre services.</param>
public sealed record CheckOutRequest(
    int? Units, string? Record, string[]? ContentDone = null, string[]? Staff = null, string[]? Evidence = null, string? Place = null,
    double? Latitude = null, double? Longitude = null);

/// <param name="Comment">What the recipient said about the service (optional, up to 200 characters).</param>
public sealed record ConfirmRequest(int? Satisfaction, string? Comment = null);

public sealed record ConfirmationCodeResponse(Guid WorkOrderId, string Code, DateTimeOffset ExpiresAt);

public sealed record ConfirmByCodeRequest(string? Code, int? Satisfaction, string? Comment = null);

public sealed record CancelRequest(string? Reason);

/// <param name="Reason">provider-unavailable, provider-suspended, household-request or quality-concern.</param>
public sealed record ReassignRequest(string? ProviderId, string? Reason);

public sealed record WorkOrderStepResponse(WorkOrderStatus? From, WorkOrderStatus To, DateTimeOffset At);

public sealed record WorkOrderResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, string ItemCode, string ProviderId, int Year, string ProjectCode, int Units, decimal UnitPrice,
    decimal Amount, WorkOrderStatus Status, DateOnly? ScheduledOn, int? DeliveredUnits, int? Minutes, bool FlaggedShort, int? Satisfaction,
    IReadOnlyList<WorkOrderStepResponse> Steps, DateTimeOffset? RespondBy = null, DateTimeOffset? CompleteBy = null, string? Overdue = null,
    string? ConfirmedVia = null, string? SatisfactionComment = null, IReadOnlyList<string>? RequiredContent = null, string? Record = null,
    IReadOnlyList<string>? ContentDone = null, IReadOnlyList<string>? Staff = null, IReadOnlyList<string>? Evidence = null, ServicePlace? Place = null,
    IReadOnlyList<string>? Flags = null, int? MovedMetres = null, Guid? PlanId = null, DateOnly? PeriodStarts = null, DateOnly? PeriodEnds = null,
    Guid? MigrationBatchId = null);

/// <summary>
/// Work orders (服务工单) from creation to a confirmed service. Staff create, confirm and cancel; the provider's
/// staff schedule, check in and check out — and see only their own provider's orders.
/// </summary>
public static partial class WorkOrdersApi
{
    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];
    // Township centres forward confirmations taken at their front desk (offline too) as the county's services.
    private static readonly string[] Confirmers = [.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Service];

    /// <summary>Who may read orders (the worklist counts them for the same people; provider staff see only their own).</summary>
    internal static readonly string[] Readers = [.. Confirmers, ReliefRoles.ProviderStaff, ReliefRoles.Supervisor, ReliefRoles.Finance];
    private static readonly string[] Performers = [ReliefRoles.ProviderStaff, ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];
    private const int MaxCommentLength = 200;
    private static readonly string[] ReassignReasons = ["provider-unavailable", "provider-suspended", "household-request", "quality-concern"];
    private static readonly string[] CancelReasons = ["household-declined", "household-moved", "household-exited", "provider-unavailable", "duplicate", "plan-changed"];

    public static IEndpointRouteBuilder MapWorkOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery/work-orders").WithTags("WorkOrders").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy);

        group.MapGet("/", List).WithName("ListWorkOrders")
            .WithSummary("Work orders (?status=&householdId=&providerId=&townshipCode=&itemCode=&overdue=true&flagged=true); provider staff see only their own");
        group.MapGet("/{id:guid}", Get).WithName("GetWorkOrder").WithSummary("A work order with every step it took");
        write.MapPost("/", Create).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("CreateWorkOrder")
            .WithSummary("Order an item for a household from a provider; WorkOrderCreated asks Funding to reserve the money");
        write.MapPost("/{id:guid}/schedule", Schedule).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Performers)).WithName("ScheduleWorkOrder")
            .WithSummary("Agree the service date with the household");
        write.MapPost("/{id:guid}/check-in", CheckIn).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Performers)).WithName("CheckInWorkOrder")
            .WithSummary("The provider starts the service");
        write.MapPost("/{id:guid}/check-out", CheckOut).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Performers)).WithName("CheckOutWorkOrder")
            .WithSummary("The provider finishes with the service record (content done, staff, evidence, place, position); ServiceDelivered — an incomplete record is flagged for supervision");
        write.MapPost("/{id:guid}/confirm", Confirm).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Confirmers)).WithIdempotencyKey<DeliveryDbContext>()
            .WithName("ConfirmWorkOrder")
            .WithSummary("The recipient confirms the service with satisfaction 1–5; ServiceConfirmed (Funding spends the amount)");
        write.MapPost("/{id:guid}/confirmation-code", IssueConfirmationCode).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole([.. Staff, ReliefRoles.VillageVisitor]))
            .WithName("IssueConfirmationCode").WithSummary("Issue the household a one-time confirmation code (shown once, valid 7 days) — never to the provider");
        write.MapPost("/{id:guid}/confirm-by-code", ConfirmByCode).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Performers)).WithName("ConfirmWorkOrderByCode")
            .WithSummary("The provider's staff take the recipient's confirmation with the household's one-time code and score; ServiceConfirmed");
        write.MapPost("/{id:guid}/close", Close).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("CloseWorkOrder").WithSummary("Close a confirmed order");
        write.MapPost("/{id:guid}/reassign", Reassign).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("ReassignWorkOrder")
            .WithSummary("Move the order to another provider before the service starts (a contract-priced order: to one under the same project at the same price); WorkOrderReassigned");
        write.MapPost("/{id:guid}/cancel", Cancel).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("CancelWorkOrder")
            .WithSummary("Cancel before the service starts, with a reason code; WorkOrderCancelled (Funding releases the money)");
        return app;
    }

    /// <param name="overdue">true: only orders past their response or completion deadline.</param>
    /// <param name="flagged">true: only delivered services whose record is flagged for supervision (short, content or evidence missing, position).</param>
    /// <param name="providerId">Only one provider's orders (supervisors looking at a provider; provider staff see only their own anyway).</param>
    /// <param name="townshipCode">Only one township's orders (township staff see only their own anyway).</param>
    /// <param name="itemCode">Only orders for one item.</param>
    public static async Task<Ok<List<WorkOrderResponse>>> List(
        WorkOrderStatus? status, Guid? householdId, bool? overdue, bool? flagged, string? providerId, string? townshipCode, string? itemCode, DeliveryDbContext db,
        DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = Filter(db.WorkOrders.AsNoTracking().Include(o => o.Steps), status, householdId, overdue, flagged, providerId, now, townshipCode, itemCode);
        var orders = await query.OrderByDescending(o => o.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.ConvertAll(o => View(o, now, seal)));
    }

    /// <summary>The orders the list shows for these filters (the worklist counts with the same).</summary>
    internal static IQueryable<WorkOrder> Filter(
        IQueryable<WorkOrder> orders, WorkOrderStatus? status, Guid? householdId, bool? overdue, bool? flagged, string? providerId, DateTimeOffset now,
        string? townshipCode = null, string? itemCode = null)
    {
        var query = status is null ? orders : orders.Where(o => o.Status == status);
        query = householdId is null ? query : query.Where(o => o.HouseholdId == householdId);
        query = overdue == true
            ? query.Where(o => (o.Status == WorkOrderStatus.Assigned && o.RespondBy < now)
                || ((o.Status == WorkOrderStatus.Assigned || o.Status == WorkOrderStatus.Scheduled || o.Status == WorkOrderStatus.InProgress) && o.CompleteBy < now))
            : query;
        query = flagged == true ? query.Where(o => o.Flags.Length > 0) : query;
        query = townshipCode is null ? query : query.Where(o => o.TownshipCode == townshipCode);
        query = itemCode is null ? query : query.Where(o => o.ItemCode == itemCode);
        return providerId is null ? query : query.Where(o => o.ProviderId == providerId);
    }

    public static async Task<Results<Ok<WorkOrderResponse>, NotFound>> Get(Guid id, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken) =>
        await db.WorkOrders.AsNoTracking().Include(o => o.Steps).FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } order
            ? TypedResults.Ok(View(order, time.GetUtcNow(), seal))
            : TypedResults.NotFound();

    public static async Task<Results<Created<WorkOrderResponse>, ProblemHttpResult, ValidationProblem>> Create(
        WorkOrderRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, IOptions<ServiceLevelOptions> serviceLevels, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var recipient = request?.HouseholdId is { } householdId
            ? await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.HouseholdId == householdId, cancellationToken)
            : null;
        // The household comes first, and another township's answers as if it did not exist: nothing is learned from validation.
        if (request is null || recipient is null || !user.MayAccessTownship(recipient.TownshipCode))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "找不到该服务对象家庭（householdId）。");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (request.ItemCode is not { } item || !CodePattern().IsMatch(item))
        {
            errors["itemCode"] = ["请填写服务事项编码。"];
        }

        if (string.IsNullOrWhiteSpace(request.ProviderId) || request.ProviderId.Length > 64)
        {
            errors["providerId"] = ["请指定服务主体。"];
        }

        // Priced by hand (e.g. free or volunteer work) the order names its project; otherwise the contract covering
        // this provider, item and township today prices it, pays from its project and caps the units.
        KnownContract? contract = null;
        // A contract's units are counted under its lock, and the provider's standing read under its lock, in the transaction
        // that writes the order (see ContractCaps and LostStandingAsync).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (errors.Count == 0 && await db.LostStandingAsync(request.ProviderId!.Trim(), cancellationToken) is { } lost)
        {
            return NotInGoodStanding(lost);
        }

        if (request.UnitPrice is null && errors.Count == 0)
        {
            var today = time.CountyToday();
            var covering = (await db.Contracts.AsNoTracking().Where(c => c.ProviderId == request.ProviderId && c.ItemCode == request.ItemCode).ToListAsync(cancellationToken))
                .Where(c => c.Covers(request.ProviderId!, request.ItemCode!, recipient.TownshipCode, today)).ToList();
            if (covering.Count == 0)
            {
                errors["unitPrice"] = ["没有覆盖该服务主体、服务事项和乡镇的有效购买合同；请先签订合同，或填写单价和购买项目。"];
            }
            else
            {
                var ordered = await ContractCaps.LockAndCountAsync(db, covering, cancellationToken);
                contract = ContractCaps.WithRoom(covering, ordered, request.Units ?? 0);
                if (contract is null)
                {
                    errors["units"] = [$"超出合同（{covering[0].Number}）该事项的数量上限，剩余 {Math.Max(0, covering.Max(c => ContractCaps.Left(ordered, c)))}。"];
                }
            }
        }
        else if (request.ProjectCode is not { } project || !CodePattern().IsMatch(project) || request.Year is not (>= 2020 and <= 2100))
        {
            errors["projectCode"] = ["按自定单价派单时，请填写预算年度和购买项目编号。"];
        }

        if (request.Units is not (>= 1 and <= 1000))
        {
            errors["units"] = ["服务数量为 1–1000。"];
        }

        if (request.UnitPrice is { } price && (price < 0 || decimal.Round(price, 2) != price))
        {
            errors["unitPrice"] = ["单价以元为单位，精确到分，不能为负数。"];
        }

        if (request.StandardMinutes is not (>= 0 and <= 1440))
        {
            errors["standardMinutes"] = ["服务标准时长为 0–1440 分钟。"];
        }

        if (request.RequiredContent is { } content && (content.Length > 20 || content.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 50)))
        {
            errors["requiredContent"] = ["必含内容最多 20 项，每项 1–50 字。"];
        }

        if (errors.Count == 0 && await db.ProjectStandings.AnyAsync(
                p => p.Year == (contract == null ? request.Year : contract.Year) && p.ProjectCode == (contract == null ? request.ProjectCode : contract.ProjectCode) && p.Shut,
                cancellationToken))
        {
            errors["projectCode"] = ["该购买项目验收未通过或已结项，不再派发新工单（已派发的工单照常完成）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "工单信息有误");
        }

        var order = WorkOrder.Create(recipient.HouseholdId, recipient.TownshipCode, request.ItemCode!, request.ProviderId!.Trim(),
            contract?.Year ?? request.Year!.Value, contract?.ProjectCode ?? request.ProjectCode!, request.Units!.Value, contract?.UnitPrice ?? request.UnitPrice!.Value,
            request.StandardMinutes!.Value, user.Id, time.GetUtcNow(), contract?.ContractId, serviceLevels.Value.For(request.ItemCode!),
            request.RequiredContent?.Select(c => c.Trim()));
        db.WorkOrders.Add(order);
        WorkOrderEvents.Created(db, order);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "work-order.create", Subject(order.Id),
            $"household={order.HouseholdId};item={order.ItemCode};provider={order.ProviderId};units={order.Units};project={order.ProjectCode}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        BusinessActs.Record(loggers, "order service", order.HouseholdId);
        return TypedResults.Created($"/api/delivery/work-orders/{order.Id}", View(order, time.GetUtcNow(), seal));
    }

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Schedule(
        Guid id, ScheduleRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.schedule", order =>
        {
            if (request?.On is not { } on || on < time.CountyToday())
            {
                return Invalid("on", "请填写不早于今天的服务日期。");
            }

            order.Schedule(on, user.Id, time.GetUtcNow());
            return null;
        }, order => $"on={order.ScheduledOn:yyyy-MM-dd}", cancellationToken);

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CheckIn(
        Guid id, CheckInRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.check-in", order =>
        {
            if (!ServiceRecordRules.TryPosition(request?.Latitude, request?.Longitude, out var location))
            {
                return Invalid("latitude", "位置须同时填写纬度（-90–90）和经度（-180–180），或都不填。");
            }

            order.CheckIn(user.Id, time.GetUtcNow(), location is null ? null : seal.SealPosition(location));
            return null;
        }, null, cancellationToken);

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CheckOut(
        Guid id, CheckOutRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.check-out", order =>
        {
            if (ServiceRecordRules.Check(request, order.RequiredContent) is { } errors)
            {
                return TypedResults.ValidationProblem(errors, title: "服务记录有误");
            }

            var record = ServiceRecordRules.From(request!);
            record = record with { Text = seal.Seal(record.Text) };
            order.CheckOut(record, user.Id, time.GetUtcNow(), order.SealedCheckInPosition is { } checkedIn ? seal.OpenPosition(checkedIn) : null);
            db.AddIntegrationEvent(new ServiceDelivered(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, record.Units,
                order.UnitPrice, order.Minutes!.Value, order.FlaggedShort, time.GetUtcNow(), order.Flags, ProjectCode: order.ProjectCode));
            return null;
        }, order => $"units={order.DeliveredUnits};minutes={order.Minutes};flags={string.Join(',', order.Flags)}", cancellationToken);

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Confirm(
        Guid id, ConfirmRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.confirm", order =>
        {
            if (request?.Satisfaction is not { } satisfaction)
            {
                return Invalid("satisfaction", "请填写满意度（1–5 分）。");
            }

            if (request.Comment is { Length: > MaxCommentLength })
            {
                return Invalid("comment", $"评价不超过{MaxCommentLength}字。");
            }

            order.Confirm(satisfaction, user.Id, time.GetUtcNow(), seal.SealOptional(request.Comment));
            StageConfirmed(db, order, time);
            return null;
        }, order => $"satisfaction={order.Satisfaction};via={order.ConfirmedVia}{ForwardedKey(http)}", cancellationToken);

    /// <summary>Issues the household a one-time code (shown once) with which the provider's staff can take its confirmation on the spot.</summary>
    public static async Task<Results<Ok<ConfirmationCodeResponse>, NotFound, ProblemHttpResult>> IssueConfirmationCode(
        Guid id, DeliveryDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            var code = order.IssueConfirmationCode(System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
                time.GetUtcNow());
            // Who was given a code, and until when; never the code.
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "work-order.confirmation-code.issue", Subject(order.Id),
                $"expires={order.ConfirmationCodeExpiresAt:O}", cancellationToken);
            return TypedResults.Ok(new ConfirmationCodeResponse(order.Id, code, order.ConfirmationCodeExpiresAt!.Value));
        }
        catch (WorkOrderStateException ex)
        {
            return StateConflict(order, ex);
        }
    }

    /// <summary>The provider's staff take the recipient's confirmation with the household's one-time code; a wrong code counts, five end it.</summary>
    public static async Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ConfirmByCode(
        Guid id, ConfirmByCodeRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.Include(o => o.Steps).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Satisfaction is not (>= 1 and <= 5) || request.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [request?.Satisfaction is >= 1 and <= 5 ? "code" : "satisfaction"] =
                    [request?.Satisfaction is >= 1 and <= 5 ? "确认码为 6 位数字。" : "满意度为 1–5 分。"],
            }, title: "工单操作有误");
        }

        try
        {
            if (request.Comment is { Length: > MaxCommentLength })
            {
                return Invalid("comment", $"评价不超过{MaxCommentLength}字。");
            }

            var confirmed = order.ConfirmByCode(code, request.Satisfaction.Value, user.Id, time.GetUtcNow(), seal.SealOptional(request.Comment));
            if (confirmed)
            {
                StageConfirmed(db, order, time);
            }

            // A wrong code is kept (five end the code), and so is who tried it.
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, confirmed ? "work-order.confirm-by-code" : "work-order.confirmation-code.wrong", Subject(order.Id),
                confirmed ? $"satisfaction={order.Satisfaction};via={order.ConfirmedVia}" : $"failures={order.ConfirmationCodeFailures}", cancellationToken);
            if (!confirmed)
            {
                return Invalid("code", $"确认码不正确（还可尝试 {WorkOrder.MaxCodeFailures - order.ConfirmationCodeFailures} 次）。");
            }
        }
        catch (WorkOrderStateException ex)
        {
            return StateConflict(order, ex);
        }

        return TypedResults.Ok(View(order, time.GetUtcNow(), seal));
    }

    private static void StageConfirmed(DeliveryDbContext db, WorkOrder order, TimeProvider time)
    {
        var units = order.DeliveredUnits!.Value;
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new ServiceConfirmed(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, units, order.UnitPrice,
            units * order.UnitPrice, order.Minutes!.Value, order.Satisfaction!.Value, now, ProjectCode: order.ProjectCode));
        db.AddIntegrationEvent(new SatisfactionRecorded(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, order.Satisfaction.Value,
            order.SatisfactionComment is not null, now));
    }

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        Guid id, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.close", order =>
        {
            order.Close(user.Id, time.GetUtcNow());
            return null;
        }, null, cancellationToken);

    public static async Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Reassign(
        Guid id, ReassignRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        // As when an order is made: the new provider's standing is read under its lock, and its contracts' units counted under
        // theirs, in the transaction that moves the order.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request?.ProviderId is { Length: > 0 and <= 64 } target && await db.LostStandingAsync(target.Trim(), cancellationToken) is { } lost)
        {
            return NotInGoodStanding(lost);
        }

        var contracts = await db.Contracts.AsNoTracking().Where(c => c.ProviderId == (request == null ? "" : request.ProviderId)).ToListAsync(cancellationToken);
        var today = time.CountyToday();
        // Only the contracts that could take the order are locked (the order's item, project and township, valid today).
        var current = await db.WorkOrders.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.ItemCode, o.ProjectCode, o.TownshipCode }).FirstOrDefaultAsync(cancellationToken);
        contracts = current is null ? [] : contracts.FindAll(c => c.ProjectCode == current.ProjectCode && c.Covers(c.ProviderId, current.ItemCode, current.TownshipCode, today));
        var ordered = await ContractCaps.LockAndCountAsync(db, contracts, cancellationToken);
        string? from = null;
        var result = await MoveAsync(id, db, seal, user, time, "work-order.reassign", order =>
        {
            if (string.IsNullOrWhiteSpace(request?.ProviderId) || request.ProviderId.Length > 64)
            {
                return Invalid("providerId", "请选择改派的服务主体。");
            }

            if (!ReassignReasons.Contains(request.Reason))
            {
                return Invalid("reason", $"请选择改派原因：{string.Join("、", ReassignReasons)}。");
            }

            KnownContract? contract = null;
            if (order.ContractId is not null)
            {
                // The money was reserved at the contract's price under its project: the new provider must be bound the same way,
                // and the order's units move to the new contract, so they must fit under its cap as a new order's would.
                var bound = contracts; // already those of the order's item, project and township, valid today
                if (bound.Count == 0)
                {
                    return Invalid("providerId", "该服务主体没有同一购买项目下覆盖本乡镇该事项的有效合同。");
                }

                var samePrice = bound.FindAll(c => c.UnitPrice == order.UnitPrice);
                if (samePrice.Count == 0)
                {
                    return Invalid("providerId", $"该服务主体的合同单价为 {bound[0].UnitPrice:0.00} 元，与本工单的 {order.UnitPrice:0.00} 元不同，请取消后重新派单。");
                }

                contract = samePrice.Find(c => c.ContractId == order.ContractId) ?? ContractCaps.WithRoom(samePrice, ordered, order.Units);
                if (contract is null)
                {
                    var left = Math.Max(0, samePrice.Max(c => ContractCaps.Left(ordered, c)));
                    return Invalid("providerId", $"该服务主体的合同（{samePrice[0].Number}）该事项剩余数量 {left}，不足本工单的 {order.Units}，不能改派。");
                }
            }

            from = order.ProviderId;
            order.Reassign(request.ProviderId.Trim(), contract?.ContractId, request.Reason!, user.Id, time.GetUtcNow());
            db.AddIntegrationEvent(new WorkOrderReassigned(order.Id, order.HouseholdId, order.TownshipCode, order.ItemCode, from, order.ProviderId, request.Reason!,
                order.RespondBy!.Value, order.CompleteBy!.Value, order.AssignedAt!.Value));
            return null;
        }, order => $"fromProvider={from};toProvider={order.ProviderId};reason={request!.Reason}", cancellationToken);
        if (result.Result is Ok<WorkOrderResponse>)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    public static Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, CancelRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, seal, user, time, "work-order.cancel", order =>
        {
            if (!CancelReasons.Contains(request?.Reason))
            {
                return Invalid("reason", $"请选择取消原因：{string.Join("、", CancelReasons)}。");
            }

            order.Cancel(request!.Reason!, user.Id, time.GetUtcNow());
            db.AddIntegrationEvent(new WorkOrderCancelled(order.Id, order.HouseholdId, order.TownshipCode, request.Reason!, time.GetUtcNow()));
            return null;
        }, _ => $"reason={request!.Reason}", cancellationToken);

    /// <summary>
    /// Loads the order behind both walls (404 when outside), applies the act, stages its event and saves it in one go with
    /// its audit entry: who moved the order from which state to which (with <paramref name="details"/>: ids and codes only).
    /// A background event that updated the order between our read and our save (funds committed, a provider's news …) does
    /// not make a person's act fail: the act is applied again to the fresh order, and refused only if that state forbids it.
    /// </summary>
    private static async Task<Results<Ok<WorkOrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, string action, Func<WorkOrder, ValidationProblem?> act,
        Func<WorkOrder, string>? details, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await db.WorkOrders.Include(o => o.Steps).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                return TypedResults.NotFound();
            }

            try
            {
                var before = order.Status;
                if (act(order) is { } invalid)
                {
                    return invalid;
                }

                var moved = $"from={before};to={order.Status}";
                await AuditTrail.SaveWithEntryAsync(db, time, user.Id, action, Subject(order.Id), details is null ? moved : $"{moved};{details(order)}", cancellationToken);
                return TypedResults.Ok(View(order, time.GetUtcNow(), seal));
            }
            catch (WorkOrderStateException ex)
            {
                return StateConflict(order, ex);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxActAttempts)
            {
                // Nothing of the failed save was kept (its own transaction rolled back, or EF returned an Idempotency-Key's
                // transaction to the savepoint before it); forget the stale order, its staged event and audit entry.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该工单刚被他人处理，请刷新后重试。");
            }
        }
    }

    /// <summary>How often a person's act is applied again after the order changed under it; beyond that, 409.</summary>
    internal const int MaxActAttempts = 5;

    /// <summary>An illegal move: 409 with the reason, the order's state and the moves allowed now.</summary>
    private static ProblemHttpResult StateConflict(WorkOrder order, WorkOrderStateException ex) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message,
            extensions: new Dictionary<string, object?> { ["orderStatus"] = order.Status.ToString(), ["allowedMoves"] = ex.AllowedMoves });

    /// <summary>A provider suspended or gone is given no work, by hand either: 409 with the reason on <c>providerId</c>.</summary>
    private static ProblemHttpResult NotInGoodStanding(ProviderStandingStatus status) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务主体现在不能接受派单",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["providerId"] = [ProviderStandings.Refusal(status)] } });

    /// <summary>A work order's subject on the audit chain.</summary>
    internal static string Subject(Guid workOrderId) => $"work-order:{workOrderId}";

    /// <summary>
    /// The request's <c>Idempotency-Key</c> for the audit entry: a township centre forwards what its front desk took with the
    /// capture's id as the key, which links this entry to the one on the centre's own chain that names the staff member.
    /// </summary>
    internal static string ForwardedKey(HttpContext http) =>
        Guid.TryParse(http.Request.Headers[IdempotencyKeyFilter.Header].ToString(), out var key) ? $";idempotencyKey={key}" : "";

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "工单操作有误");

    private static WorkOrderResponse View(WorkOrder o, DateTimeOffset now, DeliverySeal seal) => new(
        o.Id, o.HouseholdId, o.TownshipCode, o.ItemCode, o.ProviderId, o.Year, o.ProjectCode, o.Units, o.UnitPrice, o.Amount, o.Status, o.ScheduledOn,
        o.DeliveredUnits, o.Minutes, o.FlaggedShort, o.Satisfaction, [.. o.Steps.OrderBy(s => s.At).Select(s => new WorkOrderStepResponse(s.From, s.To, s.At))],
        o.RespondBy, o.CompleteBy, o.OverdueDeadline(now), o.ConfirmedVia, seal.Open(o.SatisfactionComment), o.RequiredContent, seal.Open(o.Record), o.ContentDone, o.Staff,
        o.Evidence, o.Place, o.Flags, o.MovedMetres, o.PlanId, o.PeriodStarts, o.PeriodEnds, o.MigrationBatchId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
