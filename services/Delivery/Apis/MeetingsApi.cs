using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Coordination;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Kind">JointMeeting (联席会议), CaseConference (个案会商) or TopicCoordination (专题协调).</param>
/// <param name="HouseholdIds">Households put on the agenda, by id.</param>
public sealed record ConveneMeetingRequest(string? Kind, string? Subject, DateOnly? HeldOn, IReadOnlyList<string>? Departments, IReadOnlyList<Guid>? HouseholdIds);

public sealed record AttendanceRequest(IReadOnlyList<string>? Departments);

public sealed record DecisionRequest(string? Decision, string? Owner, DateOnly? DueOn);

public sealed record ActionNoteRequest(string? Note);

public sealed record MeetingActionResponse(
    Guid Id, Guid MeetingId, string Decision, string Owner, string OwnerName, DateOnly DueOn, bool Overdue, IReadOnlyList<string> FollowUps,
    DateTimeOffset? DoneAt, string? Result);

public sealed record MeetingResponse(
    Guid Id, MeetingKind Kind, string KindName, string Subject, DateOnly HeldOn, IReadOnlyList<string> Departments, IReadOnlyList<Guid> HouseholdIds,
    IReadOnlyList<string>? Attended, DateTimeOffset ConvenedAt, IReadOnlyList<MeetingActionResponse> Actions);

/// <summary>
/// 协调会商: the county hub convenes meetings with departments and mass organisations, records who attended and the
/// decisions as action items owned by a department with a due date, and follows them until done. A department officer
/// sees and works only the action items their department owns; overdue ones are listed for the hub.
/// </summary>
public static class MeetingsApi
{
    private static readonly string[] Hub = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];

    private static readonly Dictionary<MeetingKind, string> KindNames = new()
    {
        [MeetingKind.JointMeeting] = "联席会议", [MeetingKind.CaseConference] = "个案会商", [MeetingKind.TopicCoordination] = "专题协调",
    };

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery").WithTags("Coordination");
        var hubReads = group.MapGroup("").RequireAuthorization(p => p.RequireRole([.. Hub, ReliefRoles.Supervisor]));
        var hubWrites = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).RequireAuthorization(p => p.RequireRole(Hub));
        var actions = group.MapGroup("").RequireAuthorization(p => p.RequireRole([.. Hub, ReliefRoles.Supervisor, ReliefRoles.DepartmentOfficer]));
        var actionWrites = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(p => p.RequireRole([.. Hub, ReliefRoles.DepartmentOfficer]));

        hubWrites.MapPost("/meetings", Convene).WithName("ConveneMeeting")
            .WithSummary("Convene a coordination meeting: kind, subject, day, the departments invited, households on the agenda by id");
        hubReads.MapGet("/meetings", ListMeetings).WithName("ListMeetings").WithSummary("Meetings, latest first (?from=&to= by day)");
        hubReads.MapGet("/meetings/{id:guid}", GetMeeting).WithName("GetMeeting").WithSummary("A meeting with its attendance and action items");
        hubWrites.MapPost("/meetings/{id:guid}/attendance", RecordAttendance).WithName("RecordMeetingAttendance")
            .WithSummary("Record which invited departments attended (on or after the meeting's day)");
        hubWrites.MapPost("/meetings/{id:guid}/decisions", Decide).WithName("RecordMeetingDecision")
            .WithSummary("Record a decision as an action item owned by an invited department, due on a day");
        actions.MapGet("/meeting-actions", ListActions).WithName("ListMeetingActions")
            .WithSummary("Action items (?overdue=true&owner=&open=true): a department officer sees only their department's");
        actionWrites.MapPost("/meeting-actions/{id:guid}/{act:regex(^(follow-up|done)$)}", ActOnAction).WithName("ActOnMeetingAction")
            .WithSummary("Note progress on an action item (note) or mark it done (note: the result)");
        return app;
    }

    public static async Task<Results<Created<MeetingResponse>, ValidationProblem>> Convene(
        ConveneMeetingRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.TryParse<MeetingKind>(request?.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(request!.Kind![0]))
        {
            errors["kind"] = ["会议类型应为 JointMeeting（联席会议）、CaseConference（个案会商）或 TopicCoordination（专题协调）。"];
        }

        if (string.IsNullOrWhiteSpace(request?.Subject) || request.Subject.Length > 500)
        {
            errors["subject"] = ["请填写会议议题（不超过 500 字）。"];
        }

        if (request?.HeldOn is null)
        {
            errors["heldOn"] = ["请填写会议日期。"];
        }

        var invited = request?.Departments ?? [];
        if (invited.Count == 0 || invited.Any(d => !Domain.Referrals.Referral.Departments.ContainsKey(d ?? "")))
        {
            errors["departments"] = [$"请选择受邀的部门或组织：{ReliefPlatform.Contracts.Departments.Describe(Domain.Referrals.Referral.Departments)}。"];
        }

        var cases = request?.HouseholdIds ?? [];
        if (cases.Count > 0)
        {
            var known = await db.Recipients.AsNoTracking().Where(r => cases.Contains(r.HouseholdId)).Select(r => r.HouseholdId).ToListAsync(cancellationToken);
            if (cases.Except(known).Any())
            {
                errors["householdIds"] = ["议题中有不存在的服务对象家庭。"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "会议信息有误");
        }

        var meeting = Meeting.Convene(kind, seal.Seal(request!.Subject!.Trim()), request.HeldOn!.Value, invited, cases, user.Id, time.GetUtcNow());
        db.Meetings.Add(meeting);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "meeting.convene", $"meeting:{meeting.Id}",
            $"kind={meeting.Kind};heldOn={meeting.HeldOn:yyyy-MM-dd};invited={string.Join(',', meeting.Invited)};cases={string.Join(',', meeting.Cases)}", cancellationToken);
        return TypedResults.Created($"/api/delivery/meetings/{meeting.Id}", View(meeting, seal, time.CountyToday()));
    }

    public static async Task<Ok<List<MeetingResponse>>> ListMeetings(DateOnly? from, DateOnly? to, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = db.Meetings.AsNoTracking().Include(m => m.Actions).AsQueryable();
        query = from is { } start ? query.Where(m => m.HeldOn >= start) : query;
        query = to is { } end ? query.Where(m => m.HeldOn <= end) : query;
        var today = time.CountyToday();
        return TypedResults.Ok((await query.OrderByDescending(m => m.HeldOn).Take(200).ToListAsync(cancellationToken)).Select(m => View(m, seal, today)).ToList());
    }

    public static async Task<Results<Ok<MeetingResponse>, NotFound>> GetMeeting(Guid id, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken) =>
        await db.Meetings.AsNoTracking().Include(m => m.Actions).FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is { } meeting
            ? TypedResults.Ok(View(meeting, seal, time.CountyToday()))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAttendance(
        Guid id, AttendanceRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Include(m => m.Actions).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Departments is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["departments"] = ["请列出出席的部门或组织（可以为空列表）。"] }, title: "出席登记有误");
        }

        var today = time.CountyToday();
        return await ComplaintsApi.SaveAsync(db, time, user, "meeting.attendance", $"meeting:{meeting.Id}", () => meeting.RecordAttendance(request.Departments, today),
            () => $"attended={string.Join(',', meeting.Attended)}", () => View(meeting, seal, today), cancellationToken);
    }

    public static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Include(m => m.Actions).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Decision) || request.Decision.Length > 1000)
        {
            errors["decision"] = ["请填写议定事项（不超过 1000 字）。"];
        }

        if (!meeting.Invited.Contains(request?.Owner ?? "", StringComparer.Ordinal))
        {
            errors["owner"] = [$"承办单位须是受邀的部门或组织：{string.Join("、", meeting.Invited.Select(Name))}。"];
        }

        if (request?.DueOn is not { } due || due < meeting.HeldOn)
        {
            errors["dueOn"] = [$"请填写办结期限（不早于会议日期 {meeting.HeldOn:yyyy-MM-dd}）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "议定事项有误");
        }

        MeetingAction? action = null;
        var today = time.CountyToday();
        return await ComplaintsApi.SaveAsync(db, time, user, "meeting.decide", $"meeting:{meeting.Id}",
            () =>
            {
                action = meeting.Decide(seal.Seal(request!.Decision!.Trim()), request.Owner!, request.DueOn!.Value, time.GetUtcNow());
                // Added explicitly: found only through the meeting's collection, an item whose id is already set would be taken for an existing row.
                db.MeetingActions.Add(action);
            },
            () => $"action={action!.Id};owner={action.Owner};dueOn={action.DueOn:yyyy-MM-dd}", () => View(meeting, seal, today), cancellationToken);
    }

    public static async Task<Ok<List<MeetingActionResponse>>> ListActions(
        bool? overdue, bool? open, string? owner, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        var query = db.MeetingActions.AsNoTracking();
        query = owner is null ? query : query.Where(a => a.Owner == owner);
        query = open == true || overdue == true ? query.Where(a => a.DoneAt == null) : query;
        query = overdue == true ? query.Where(a => a.DueOn < today) : query;
        return TypedResults.Ok((await query.OrderBy(a => a.DueOn).Take(500).ToListAsync(cancellationToken)).Select(a => View(a, seal, today)).ToList());
    }

    public static async Task<Results<Ok<MeetingActionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnAction(
        Guid id, string act, ActionNoteRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        // The department wall: an officer finds only their own department's action items.
        var action = await db.MeetingActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request?.Note) || request.Note.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["note"] = [act == "done" ? "请填写办理结果（不超过 1000 字）。" : "请填写进展情况（不超过 1000 字）。"],
            }, title: "事项办理有误");
        }

        var today = time.CountyToday();
        return await ComplaintsApi.SaveAsync(db, time, user, $"meeting-action.{act}", $"meeting-action:{action.Id}", () =>
        {
            if (act == "done")
            {
                action.Complete(seal.Seal(request.Note.Trim()), user.Id, time.GetUtcNow());
            }
            else
            {
                action.FollowUp(seal.Seal($"{today:yyyy-MM-dd}：{request.Note.Trim()}"));
            }
        }, () => $"owner={action.Owner};done={action.IsDone}", () => View(action, seal, today), cancellationToken);
    }

    private static string Name(string department) => Domain.Referrals.Referral.Departments.GetValueOrDefault(department, department);

    private static MeetingActionResponse View(MeetingAction a, DeliverySeal seal, DateOnly today) => new(
        a.Id, a.MeetingId, seal.Open(a.Decision)!, a.Owner, Name(a.Owner), a.DueOn, a.IsOverdue(today), [.. a.FollowUps.Select(f => seal.Open(f)!)], a.DoneAt, seal.Open(a.Result));

    private static MeetingResponse View(Meeting m, DeliverySeal seal, DateOnly today) => new(
        m.Id, m.Kind, KindNames[m.Kind], seal.Open(m.Subject)!, m.HeldOn, m.Invited, m.Cases, m.AttendanceRecorded ? m.Attended : null, m.ConvenedAt,
        [.. m.Actions.OrderBy(a => a.AssignedAt).Select(a => View(a, seal, today))]);
}
