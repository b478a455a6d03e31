using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Kind">A referral kind (need code, e.g. <c>education-support</c>): its department is the default and its deadline applies.</param>
public sealed record ReferralRequest(Guid? HouseholdId, string? Department, string? Need, string? Kind = null);

public sealed record ReferralActionRequest(string? Outcome);

/// <summary>A referral as its reader may see it: the household by id and township, the need, the state — no name, number or address.</summary>
public sealed record ReferralResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, string Department, string DepartmentName, string Need, ReferralStatus Status,
    DateTimeOffset SentAt, DateTimeOffset? AcceptedAt, DateTimeOffset? FinishedAt, string? Outcome,
    string? Kind = null, DateTimeOffset? DueBy = null, bool Overdue = false, Guid? AssessmentId = null);

public sealed record ReferralKpiResponse(DateOnly From, DateOnly To, IReadOnlyList<DepartmentReferralKpis> Departments);

/// <summary>
/// Referrals to departments and mass organisations (转介). The hub and township staff send them (or send what an approved
/// assessment suggested); the department's officers — walled into their own department — accept or decline them with a
/// reason, record the outcome and complete them. Each is due by its kind's deadline; overdue ones are listed here for
/// the hub and escalated to the township's worklist (ReferralDeadlineMissed). KPIs per department.
/// </summary>
public static class ReferralsApi
{
    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    /// <summary>Who may read referrals (the worklist counts them for the same people; a department officer only their department's).</summary>
    internal static readonly string[] Readers = [.. Staff, ReliefRoles.DepartmentOfficer, ReliefRoles.Supervisor];

    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery").WithTags("Referrals").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy);
        var hub = write.MapGroup("").RequireAuthorization(p => p.RequireRole(Staff));

        group.MapGet("/referrals", ListReferrals).WithName("ListReferrals")
            .WithSummary("Referrals (?status=&overdue=true&department=): a department officer sees only those sent to their department");
        group.MapGet("/referrals/{id:guid}", GetReferral).WithName("GetReferral")
            .WithSummary("A referral: a department officer finds only their department's (another's is not found), township staff only their township's");
        group.MapGet("/referrals/kpis", Kpis).WithName("ReferralKpis")
            .WithSummary("Per department, of the referrals sent from..to (county dates): sent, accepted, completed, declined, overdue, average days to complete");
        hub.MapPost("/referrals", SendReferral).ProducesProblem(StatusCodes.Status404NotFound).WithName("SendReferral")
            .WithSummary("Refer a household to a department or mass organisation for a need outside the catalogue; due by its kind's deadline; ReferralSent");
        hub.MapPost("/referrals/{id:guid}/{action:regex(^(send|dismiss)$)}", ActOnSuggestion).WithName("ActOnSuggestedReferral")
            .WithSummary("Send a referral an approved assessment suggested (its deadline runs from now), or dismiss it (outcome: the reason)");
        write.MapPost("/referrals/{id:guid}/{action:regex(^(accept|complete|decline)$)}", ActOnReferral)
            .RequireAuthorization(p => p.RequireRole([.. Staff, ReliefRoles.DepartmentOfficer])).WithName("ActOnReferral")
            .WithSummary("The department accepts, completes (outcome) or declines (reason) the referral; staff may record it for a department on paper");
        return app;
    }

    public static async Task<Results<Ok<List<ReferralResponse>>, ValidationProblem>> ListReferrals(
        ReferralStatus? status, bool? overdue, string? department, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (department is not null && !Referral.Departments.ContainsKey(department))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["department"] = [$"转介单位应为：{ReliefPlatform.Contracts.Departments.Describe(Referral.Departments)}。"],
            }, title: "查询条件有误");
        }

        var now = time.GetUtcNow();
        var query = Filter(db.ReferralsInView.AsNoTracking(), status, department, overdue, now);
        var rows = overdue == true ? query.OrderBy(r => r.DueBy) : query.OrderByDescending(r => r.SentAt);
        return TypedResults.Ok((await rows.Take(500).ToListAsync(cancellationToken)).Select(r => View(r, seal, now)).ToList());
    }

    public static async Task<Results<Ok<ReferralResponse>, NotFound>> GetReferral(
        Guid id, DeliveryDbContext db, DeliverySeal seal, TimeProvider time, CancellationToken cancellationToken) =>
        await db.ReferralsInView.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } referral
            ? TypedResults.Ok(View(referral, seal, time.GetUtcNow()))
            : TypedResults.NotFound();

    /// <summary>The referrals the list shows for these filters (the worklist counts with the same).</summary>
    internal static IQueryable<Referral> Filter(IQueryable<Referral> referrals, ReferralStatus? status, string? department, bool? overdue, DateTimeOffset now)
    {
        var query = status is null ? referrals : referrals.Where(r => r.Status == status);
        query = department is null ? query : query.Where(r => r.Department == department);
        return overdue == true ? query.Where(r => (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Accepted) && r.DueBy < now) : query;
    }

    public static async Task<Results<Ok<ReferralKpiResponse>, ValidationProblem>> Kpis(
        DateOnly? from, DateOnly? to, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = time.CountyToday();
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (end < start || end.DayNumber - start.DayNumber > 366 * 3)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["截止日期应不早于起始日期，且区间不超过三年。"] }, title: "查询条件有误");
        }

        // County days: from the start of `from` to the end of `to` (in UTC, as PostgreSQL's timestamptz takes it).
        var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), CountyClock.ChinaStandardTime).ToUniversalTime();
        var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), CountyClock.ChinaStandardTime).ToUniversalTime();
        var facts = await db.ReferralsInView.AsNoTracking().Where(r => r.SentAt >= since && r.SentAt < until)
            .Select(r => new ReferralFacts(r.Department, r.Status, r.SentAt, r.DueBy, r.AcceptedAt, r.FinishedAt, r.OverdueReportedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReferralKpiResponse(start, end, ReferralKpis.Compute(facts, now)));
    }

    public static async Task<Results<Created<ReferralResponse>, ProblemHttpResult, ValidationProblem>> SendReferral(
        ReferralRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, IOptions<ReferralKindOptions> kinds, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await ComplaintsApi.HouseholdAsync(request?.HouseholdId, db, user, cancellationToken) is not { } township)
        {
            return ComplaintsApi.HouseholdNotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = string.IsNullOrWhiteSpace(request!.Kind) ? null : request.Kind.Trim();
        ReferralKind? known = null;
        if (kind is not null && !kinds.Value.Kinds.TryGetValue(kind, out known))
        {
            errors["kind"] = [$"转介类型应为：{string.Join("、", kinds.Value.Kinds.Select(k => $"{k.Key}（{k.Value.Name}）"))}，或不填。"];
        }

        var department = string.IsNullOrWhiteSpace(request.Department) ? known?.Department : request.Department;
        if (!Referral.Departments.ContainsKey(department ?? ""))
        {
            errors["department"] = [$"转介单位应为：{ReliefPlatform.Contracts.Departments.Describe(Referral.Departments)}。"];
        }

        if (string.IsNullOrWhiteSpace(request.Need) || request.Need.Length > 500)
        {
            errors["need"] = ["请简要说明需要转介解决的问题（不超过 500 字）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "转介信息有误");
        }

        var now = time.GetUtcNow();
        var referral = Referral.Send(request.HouseholdId!.Value, township, department!, kind, seal.Seal(request.Need!.Trim()), user.Id, now, kinds.Value.DueDays(kind));
        db.Referrals.Add(referral);
        db.AddIntegrationEvent(new ReferralSent(referral.Id, referral.HouseholdId, referral.TownshipCode, referral.Department, referral.Kind, referral.DueBy!.Value, now));
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "referral.send", $"referral:{referral.Id}",
            $"household={referral.HouseholdId};department={referral.Department};kind={referral.Kind}", cancellationToken);
        return TypedResults.Created($"/api/delivery/referrals/{referral.Id}", View(referral, seal, now));
    }

    public static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnSuggestion(
        Guid id, string action, ReferralActionRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, IOptions<ReferralKindOptions> kinds,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        if (action == "dismiss" && (string.IsNullOrWhiteSpace(request?.Outcome) || request.Outcome.Length > 1000))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = ["请填写不予转介的原因（不超过 1000 字）。"] }, title: "转介办理有误");
        }

        var now = time.GetUtcNow();
        return await ComplaintsApi.SaveAsync(db, time, user, $"referral.{action}", $"referral:{referral.Id}", () =>
        {
            if (action == "send")
            {
                referral.SendSuggested(user.Id, now, kinds.Value.DueDays(referral.Kind));
                db.AddIntegrationEvent(new ReferralSent(referral.Id, referral.HouseholdId, referral.TownshipCode, referral.Department, referral.Kind, referral.DueBy!.Value, now));
            }
            else
            {
                referral.Dismiss(seal.Seal(request!.Outcome!.Trim()), now);
            }
        }, () => $"department={referral.Department};kind={referral.Kind};status={referral.Status}", () => View(referral, seal, now), cancellationToken);
    }

    public static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnReferral(
        Guid id, string action, ReferralActionRequest? request, DeliveryDbContext db, DeliverySeal seal, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // The department wall: an officer finds only referrals sent to their own department; anything else is not found.
        var referral = await db.ReferralsInView.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        if (action != "accept" && (string.IsNullOrWhiteSpace(request?.Outcome) || request.Outcome.Length > 1000))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = ["请填写办理结果或退回原因（不超过 1000 字）。"] }, title: "转介办理有误");
        }

        var now = time.GetUtcNow();
        return await ComplaintsApi.SaveAsync(db, time, user, $"referral.{action}", $"referral:{referral.Id}", () =>
        {
            switch (action)
            {
                case "accept": referral.Accept(now); break;
                case "complete": referral.Complete(seal.Seal(request!.Outcome!.Trim()), now); break;
                default: referral.Decline(seal.Seal(request!.Outcome!.Trim()), now); break;
            }

            if (referral.Status is ReferralStatus.Completed or ReferralStatus.Declined)
            {
                db.AddIntegrationEvent(new ReferralClosed(referral.Id, referral.HouseholdId, referral.TownshipCode, referral.Department, referral.Status.ToString(), now));
            }
        }, () => $"department={referral.Department};status={referral.Status}", () => View(referral, seal, now), cancellationToken);
    }

    private static ReferralResponse View(Referral r, DeliverySeal seal, DateTimeOffset now) => new(
        r.Id, r.HouseholdId, r.TownshipCode, r.Department, Referral.Departments[r.Department], seal.Open(r.Need)!, r.Status, r.SentAt, r.AcceptedAt, r.FinishedAt,
        seal.Open(r.Outcome), r.Kind, r.DueBy, r.IsOverdue(now), r.AssessmentId);
}
