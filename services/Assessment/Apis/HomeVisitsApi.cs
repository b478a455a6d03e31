using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="AlertId">The discovery alert the visit answers (closed by it), if any.</param>
/// <param name="Answers">The instrument's answers when the visit took an assessment: a draft is started and submitted for a second person's approval.</param>
public sealed record HomeVisitRequest(
    Guid? AlertId, string? Place, DateTimeOffset? VisitedAt, string? Finding, Dictionary<string, string[]>? Answers, string? StatedRequests);

public sealed record HomeVisitResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, Guid? AlertId, string Place, DateTimeOffset VisitedAt, string Finding, Guid? AssessmentId,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// Home visits (走访): recorded by township centres — usually forwarded from their front desk, possibly long after
/// the visit when the centre was offline, so the write is idempotent on the centre's capture id.
/// </summary>
public static class HomeVisitsApi
{
    public const string FindingPurpose = "visit.finding";
    private const int MaxFindingLength = 500;

    public static IEndpointRouteBuilder MapHomeVisitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/households/{householdId:guid}/visits").WithTags("Home visits")
            .RequireAuthorization(policy => policy.RequireRole([.. HouseholdsApi.RegistryRoles, ReliefRoles.Service]));
        group.MapPost("/", RecordVisit).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).WithIdempotencyKey<AssessmentDbContext>()
            .WithName("RecordHomeVisit").WithSummary("Record a visit: closes the alert it answers; with answers, starts and submits an assessment");
        group.MapGet("/", ListVisits).WithName("ListHomeVisits").WithSummary("A household's visits, newest first");
        return app;
    }

    public static async Task<Results<Created<HomeVisitResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordVisit(
        Guid householdId, HomeVisitRequest? request, AssessmentDbContext db, InstrumentCatalog instruments, CurrentUser user,
        PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        if (household.Status == HouseholdStatus.Exited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该家庭已退出，不再走访。");
        }

        request ??= new HomeVisitRequest(null, null, null, null, null, null);
        var assessmentRequest = new AssessmentRequest(request.Place, request.VisitedAt, request.Answers, request.StatedRequests);
        var instrument = request.Answers is null ? null : await instruments.CurrentAsync(db, cancellationToken);
        var errors = AssessmentsApi.Check(assessmentRequest, instrument, time);
        if (string.IsNullOrWhiteSpace(request.Finding) || request.Finding.Length > MaxFindingLength)
        {
            errors["finding"] = [$"请填写走访情况（不超过{MaxFindingLength}字）。"];
        }

        var alert = request.AlertId is { } alertId
            ? await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId && a.HouseholdId == householdId, cancellationToken)
            : null;
        if (request.AlertId is not null && alert is null)
        {
            errors["alertId"] = ["该家庭没有这条预警。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "走访信息有误");
        }

        var now = time.GetUtcNow();
        var finding = request.Finding!.Trim();
        if (alert is { Status: AlertStatus.Open })
        {
            alert.Close(user.Id, "已入户走访", now);
        }

        HouseholdAssessment? assessment = null;
        if (instrument is not null)
        {
            assessment = AssessmentsApi.Draft(household, assessmentRequest, instrument, protector, user.Id, now);
            assessment.Submit(user.Id, now);
            db.Assessments.Add(assessment);
        }

        var visit = HomeVisit.Record(
            household.Id, household.TownshipCode, alert?.Id, AssessmentsApi.ParsePlace(request.Place), request.VisitedAt!.Value,
            protector.Protect(finding, FindingPurpose), assessment?.Id, user.Id, now);
        db.HomeVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/assessment/households/{householdId}/visits", Response(visit, protector));
    }

    public static async Task<Results<Ok<List<HomeVisitResponse>>, NotFound>> ListVisits(
        Guid householdId, AssessmentDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var visits = await db.HomeVisits.AsNoTracking().Where(v => v.HouseholdId == householdId)
            .OrderByDescending(v => v.VisitedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(visits.ConvertAll(v => Response(v, protector)));
    }

    private static HomeVisitResponse Response(HomeVisit v, PersonalDataProtector protector) => new(
        v.Id, v.HouseholdId, v.TownshipCode, v.AlertId, v.Place.ToString(), v.VisitedAt, protector.Unprotect(v.ProtectedFinding, FindingPurpose),
        v.AssessmentId, v.RecordedBy, v.RecordedAt);
}
