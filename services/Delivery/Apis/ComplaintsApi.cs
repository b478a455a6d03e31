using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Complaints;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Category">NotDelivered, ServiceQuality, StaffConduct, Safety, Fees, Privacy or Other (read after the household check, so an outsider learns nothing).</param>
public sealed record ComplaintRequest(Guid? HouseholdId, Guid? WorkOrderId, string? Category, string? Description);

public sealed record ComplaintActionRequest(string? AssignTo, string? Resolution);

public sealed record ComplaintResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, Guid? WorkOrderId, ComplaintCategory Category, string Description, ComplaintStatus Status,
    DateTimeOffset ReceivedAt, DateTimeOffset DueBy, bool Overdue, string? AssignedTo, string? Resolution, int Reopened, DateTimeOffset? ClosedAt);

/// <summary>
/// Complaints (投诉): taken by staff for a household of their township, followed to the resident's acceptance.
/// Overdue complaints are listed for escalation. Referrals to departments are <see cref="ReferralsApi"/>.
/// </summary>
public static class ComplaintsApi
{
    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    /// <summary>Who may read complaints (the worklist counts them for the same people).</summary>
    internal static readonly string[] Readers = [.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Supervisor, ReliefRoles.Service];

    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery").WithTags("Complaints")
            // Township centres forward the complaints they took (offline too) as the county's services, with an Idempotency-Key.
            .RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(p => p.RequireRole([.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Service]));

        group.MapGet("/complaints", ListComplaints).WithName("ListComplaints").WithSummary("Complaints (?status=&overdue=true for escalation)");
        write.MapPost("/complaints", TakeComplaint).ProducesProblem(StatusCodes.Status404NotFound).WithIdempotencyKey<DeliveryDbContext>().WithName("TakeComplaint").WithSummary("Take a resident's complaint; the deadline follows its category; ComplaintRaised");
        write.MapPost("/complaints/{id:guid}/{action:regex(^(assign|resolve|accept|reopen)$)}", ActOnComplaint).WithName("ActOnComplaint")
            .WithSummary("assign (assignTo), resolve (resolution), accept (the resident accepts: closed) or reopen (not accepted: new deadline)");
        return app;
    }

    public static async Task<Ok<List<ComplaintResponse>>> ListComplaints(
        ComplaintStatus? status, bool? overdue, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = Filter(db.Complaints.AsNoTracking(), status, overdue, now);
        return TypedResults.Ok((await query.OrderBy(c => c.DueBy).Take(500).ToListAsync(cancellationToken)).Select(c => View(c, now, seal)).ToList());
    }

    /// <summary>The complaints the list shows for these filters (the worklist counts with the same).</summary>
    internal static IQueryable<Complaint> Filter(IQueryable<Complaint> complaints, ComplaintStatus? status, bool? overdue, DateTimeOffset now)
    {
        var query = status is null ? complaints : complaints.Where(c => c.Status == status);
        return overdue == true ? query.Where(c => (c.Status == ComplaintStatus.Received || c.Status == ComplaintStatus.Assigned) && c.DueBy < now) : query;
    }

    public static async Task<Results<Created<ComplaintResponse>, ProblemHttpResult, ValidationProblem>> TakeComplaint(
        ComplaintRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (await HouseholdAsync(request?.HouseholdId, db, user, cancellationToken) is not { } township)
        {
            return HouseholdNotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.TryParse<ComplaintCategory>(request!.Category, ignoreCase: false, out var category) || !Enum.IsDefined(category)
            || char.IsDigit(request.Category![0]))
        {
            errors["category"] = ["投诉类别应为 NotDelivered、ServiceQuality、StaffConduct、Safety、Fees、Privacy 或 Other。"];
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > 1000)
        {
            errors["description"] = ["请记录投诉内容（不超过 1000 字）。"];
        }

        if (request.WorkOrderId is { } order && !await db.WorkOrders.AnyAsync(o => o.Id == order && o.HouseholdId == request.HouseholdId, cancellationToken))
        {
            errors["workOrderId"] = ["该家庭没有这张工单。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "投诉信息有误");
        }

        var complaint = Complaint.Receive(request.HouseholdId!.Value, township, request.WorkOrderId, category, seal.Seal(request.Description!.Trim()), user.Id, time.GetUtcNow());
        db.Complaints.Add(complaint);
        db.AddIntegrationEvent(new ComplaintRaised(complaint.Id, complaint.HouseholdId, complaint.TownshipCode, complaint.Category.ToString(), complaint.DueBy, complaint.ReceivedAt));
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "complaint.raise", $"complaint:{complaint.Id}",
            $"household={complaint.HouseholdId};workOrder={complaint.WorkOrderId};category={complaint.Category}{WorkOrdersApi.ForwardedKey(http)}", cancellationToken);
        return TypedResults.Created($"/api/delivery/complaints/{complaint.Id}", View(complaint, time.GetUtcNow(), seal));
    }

    public static async Task<Results<Ok<ComplaintResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnComplaint(
        Guid id, string action, ComplaintActionRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var text = action == "assign" ? request?.AssignTo : request?.Resolution;
        if (action is "assign" or "resolve" && (string.IsNullOrWhiteSpace(text) || text.Length > 1000))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [action == "assign" ? "assignTo" : "resolution"] = [action == "assign" ? "请填写承办人或承办单位。" : "请填写处理结果（不超过 1000 字）。"],
            }, title: "投诉处理有误");
        }

        // Who is assigned and what was resolved are words (a person or unit may be named): the entry keeps the state only.
        return await SaveAsync(db, time, user, $"complaint.{(action == "accept" ? "close" : action)}", $"complaint:{complaint.Id}", () =>
        {
            switch (action)
            {
                case "assign": complaint.Assign(text!.Trim()); break;
                case "resolve": complaint.Resolve(seal.Seal(text!.Trim()), now); break;
                case "accept":
                    complaint.Accept(now);
                    db.AddIntegrationEvent(new ComplaintClosed(complaint.Id, complaint.HouseholdId, complaint.TownshipCode, now));
                    break;
                default: complaint.Reopen(now); break;
            }
        }, () => $"status={complaint.Status};reopened={complaint.Reopened}", () => View(complaint, now, seal), cancellationToken);
    }

    /// <summary>The household's township when the caller may act for it; null when it is unknown or behind the wall.</summary>
    internal static async Task<string?> HouseholdAsync(Guid? householdId, DeliveryDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var township = householdId is { } id
            ? await db.Recipients.AsNoTracking().Where(r => r.HouseholdId == id).Select(r => r.TownshipCode).FirstOrDefaultAsync(cancellationToken)
            : null;
        return township is not null && user.MayAccessTownship(township) ? township : null;
    }

    internal static ProblemHttpResult HouseholdNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "找不到该服务对象家庭（householdId）。");

    /// <summary>Applies the act and saves it with its audit entry (<paramref name="details"/>: ids, codes and states, never words).</summary>
    internal static async Task<Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult>> SaveAsync<T>(
        DeliveryDbContext db, TimeProvider time, CurrentUser user, string action, string subject, Action act, Func<string> details, Func<T> view,
        CancellationToken cancellationToken)
    {
        try
        {
            act();
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, action, subject, details(), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        return TypedResults.Ok(view());
    }

    private static ComplaintResponse View(Complaint c, DateTimeOffset now, DeliverySeal seal) => new(
        c.Id, c.HouseholdId, c.TownshipCode, c.WorkOrderId, c.Category, seal.Open(c.Description)!, c.Status, c.ReceivedAt, c.DueBy, c.IsOverdue(now), c.AssignedTo,
        seal.Open(c.Resolution), c.Reopened, c.ClosedAt);
}
