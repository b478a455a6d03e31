using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.ServiceDefaults.Telemetry;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>Needs assessments (困境评估): recorded by a visitor, submitted, approved by a second person, then published as NeedsAssessed.</summary>
public static class AssessmentsApi
{
    public const string RequestsPurpose = "assessment.requests";
    private const int MaxRequestsLength = 1000;

    private static readonly string[] Reviewers = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment").WithTags("Assessments")
            .RequireAuthorization(policy => policy.RequireRole(HouseholdsApi.RegistryRoles));

        group.MapPost("/households/{householdId:guid}/assessments", StartAssessment).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("StartAssessment")
            .WithSummary("Record a needs assessment of a household as a draft, scored by the current instrument");
        group.MapGet("/households/{householdId:guid}/assessments", ListAssessments)
            .WithName("ListHouseholdAssessments")
            .WithSummary("A household's assessments, newest first");
        group.MapGet("/assessments", ListByStatus)
            .WithName("ListAssessments")
            .WithSummary("Assessments in one state, county-wide or for a township — the approval queue is status=Submitted, longest waiting first — with the total");
        group.MapGet("/assessments/{id:guid}", GetAssessment)
            .WithName("GetAssessment")
            .WithSummary("One assessment with its per-indicator breakdown");
        group.MapPut("/assessments/{id:guid}", ReviseAssessment).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("ReviseAssessment")
            .WithSummary("Change the answers of a draft or returned assessment (rescored by its own instrument version)");
        group.MapPost("/assessments/{id:guid}/submit", SubmitAssessment).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("SubmitAssessment")
            .WithSummary("Hand the assessment in for approval");
        group.MapPost("/assessments/{id:guid}/approve", ApproveAssessment).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("ApproveAssessment")
            .WithSummary("Approve a submitted assessment (not by who filled in or submitted it); publishes NeedsAssessed");
        group.MapPost("/assessments/{id:guid}/return", ReturnAssessment).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("ReturnAssessment")
            .WithSummary("Send a submitted assessment back for correction, with the reason");
        return app;
    }

    public static async Task<Results<Created<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> StartAssessment(
        Guid householdId, AssessmentRequest request, AssessmentDbContext db, InstrumentCatalog instruments, CurrentUser user,
        PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        if (household.Status == HouseholdStatus.Exited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该家庭已退出，不能再评估。");
        }

        var instrument = await instruments.CurrentAsync(db, cancellationToken);
        if (Validate(request, instrument, time) is { } invalid)
        {
            return invalid;
        }

        var assessment = Draft(household, request, instrument, protector, user.Id, time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/assessment/assessments/{assessment.Id}", Response(assessment, protector));
    }

    public static async Task<Results<Ok<List<AssessmentResponse>>, NotFound>> ListAssessments(
        Guid householdId, AssessmentDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var assessments = await db.Assessments.AsNoTracking().Where(a => a.HouseholdId == householdId)
            .OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(assessments.ConvertAll(a => Response(a, protector)));
    }

    /// <summary>The approval queue and the other states' lists; a township's staff see their own township's (the wall).</summary>
    public static async Task<Results<Ok<PagedResponse<AssessmentResponse>>, ValidationProblem>> ListByStatus(
        AssessmentDbContext db, PersonalDataProtector protector, string? status, string? townshipCode, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var wanted = AssessmentStatus.Submitted;
        if (!string.IsNullOrEmpty(status) && !EnumCodes.TryParse(status, ignoreCase: true, out wanted))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = ["评估状态应为 Draft（草稿）、Submitted（待审批）、Approved（已审批）或 Returned（已退回）。"] },
                title: "评估筛选条件有误");
        }

        var paging = Paging.Of(page, pageSize);
        var query = db.Assessments.AsNoTracking().Where(a => a.Status == wanted);
        if (!string.IsNullOrEmpty(townshipCode))
        {
            query = query.Where(a => a.TownshipCode == townshipCode);
        }

        var total = await query.CountAsync(cancellationToken);
        var assessments = await query.OrderBy(a => a.SubmittedAt ?? a.CreatedAt).ThenBy(a => a.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<AssessmentResponse>(assessments.ConvertAll(a => Response(a, protector)), paging.Number, paging.Size, total));
    }

    public static async Task<Results<Ok<AssessmentResponse>, NotFound>> GetAssessment(
        Guid id, AssessmentDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return assessment is null ? TypedResults.NotFound() : TypedResults.Ok(Response(assessment, protector));
    }

    public static async Task<Results<Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReviseAssessment(
        Guid id, AssessmentRequest request, AssessmentDbContext db, InstrumentCatalog instruments, PersonalDataProtector protector,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        // A draft stays on the instrument version it was started with.
        var instrument = (await instruments.VersionAsync(db, assessment.InstrumentVersion, cancellationToken))!;
        if (Validate(request, instrument, time) is { } invalid)
        {
            return invalid;
        }

        return await ChangeAsync(db, assessment, protector, () => assessment.Revise(
            ParsePlace(request.Place), request.VisitedAt!.Value, AnswersJson(request), Score(instrument, request), ProtectRequests(request, protector)), cancellationToken);
    }

    public static async Task<Results<Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitAssessment(
        Guid id, AssessmentDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return assessment is null
            ? TypedResults.NotFound()
            : await ChangeAsync(db, assessment, protector, () => assessment.Submit(user.Id, time.GetUtcNow()), cancellationToken);
    }

    public static async Task<Results<Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReturnAssessment(
        Guid id, ReturnAssessmentRequest request, AssessmentDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!Reviewers.Any(user.IsInRole))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只有乡镇工作人员和县级经办人员可以审核评估。");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写退回原因（不超过200字）。"] }, title: "退回信息有误");
        }

        return await ChangeAsync(db, assessment, protector, () => assessment.Return(user.Id, request.Reason.Trim(), time.GetUtcNow()), cancellationToken);
    }

    public static async Task<Results<Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAssessment(
        Guid id, AssessmentDbContext db, InstrumentCatalog instruments, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!Reviewers.Any(user.IsInRole))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只有乡镇工作人员和县级经办人员可以审核评估。");
        }

        try
        {
            assessment.Approve(user.Id, time.GetUtcNow());
        }
        catch (AssessmentStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        var household = await db.Households.FirstAsync(h => h.Id == assessment.HouseholdId, cancellationToken);
        var instrument = (await instruments.VersionAsync(db, assessment.InstrumentVersion, cancellationToken))!;
        var today = time.CountyToday();
        var due = AssessmentScorer.ReassessmentDue(instrument, assessment.Degree, today);
        household.RecordAssessment(assessment, today, due);
        // The visit an alert asked for has happened and been assessed: its open alerts are done.
        foreach (var alert in await db.Alerts.Where(a => a.HouseholdId == household.Id && a.Status == AlertStatus.Open).ToListAsync(cancellationToken))
        {
            alert.Close(user.Id, "已完成困境评估", time.GetUtcNow());
        }

        db.AddIntegrationEvent(new NeedsAssessed(
            assessment.Id, household.Id, household.TownshipCode, household.VillageCode, assessment.InstrumentVersion, assessment.Degree.ToString(),
            assessment.DifficultyTypes, assessment.NeedCodes, due, time.GetUtcNow()));

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AuditTrail.AppendAsync(
                db, time, user.Id, "assessment.approve", $"assessment:{assessment.Id}", $"household={household.Id};degree={assessment.Degree}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该评估刚刚已被他人处理，请刷新。");
        }

        BusinessActs.Record(loggers, "approve assessment", household.Id);
        return TypedResults.Ok(Response(assessment, protector));
    }

    private static async Task<Results<Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        AssessmentDbContext db, HouseholdAssessment assessment, PersonalDataProtector protector, Action change, CancellationToken cancellationToken)
    {
        try
        {
            change();
        }
        catch (AssessmentStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该评估刚刚已被他人处理，请刷新。");
        }

        return TypedResults.Ok(Response(assessment, protector));
    }

    private static ValidationProblem? Validate(AssessmentRequest request, Instrument instrument, TimeProvider time) =>
        Check(request, instrument, time) is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors, title: "评估信息有误") : null;

    /// <summary>Field errors of an assessment's place, time, requests and — unless <paramref name="instrument"/> is null — answers.</summary>
    internal static Dictionary<string, string[]> Check(AssessmentRequest request, Instrument? instrument, TimeProvider time)
    {
        var errors = instrument is null
            ? new Dictionary<string, string[]>(StringComparer.Ordinal)
            : AssessmentScorer.Check(instrument, request.Answers?.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value));
        if (request.Place is null || !TryParsePlace(request.Place, out _))
        {
            errors["place"] = ["评估地点应为 home（入户）或 centre（乡镇服务中心）。"];
        }

        var now = time.GetUtcNow();
        if (request.VisitedAt is null || request.VisitedAt > now.AddMinutes(10) || request.VisitedAt < now.AddYears(-1))
        {
            errors["visitedAt"] = ["请填写评估时间，不能晚于现在，也不能早于一年前。"];
        }

        if (request.StatedRequests is { Length: > MaxRequestsLength })
        {
            errors["statedRequests"] = [$"服务诉求不能超过{MaxRequestsLength}字。"];
        }

        return errors;
    }

    /// <summary>A draft assessment of <paramref name="household"/> from a checked request.</summary>
    internal static HouseholdAssessment Draft(
        Household household, AssessmentRequest request, Instrument instrument, PersonalDataProtector protector, string by, DateTimeOffset now) =>
        HouseholdAssessment.Start(
            household.Id, household.TownshipCode, ParsePlace(request.Place), request.VisitedAt!.Value, AnswersJson(request), Score(instrument, request),
            ProtectRequests(request, protector), by, now);

    private static AssessmentResult Score(Instrument instrument, AssessmentRequest request) =>
        AssessmentScorer.Score(instrument, request.Answers!.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value));

    private static string AnswersJson(AssessmentRequest request) => InstrumentJson.Serialize(request.Answers);

    private static string? ProtectRequests(AssessmentRequest request, PersonalDataProtector protector) =>
        string.IsNullOrWhiteSpace(request.StatedRequests) ? null : protector.Protect(request.StatedRequests.Trim(), RequestsPurpose);

    private static bool TryParsePlace(string value, out AssessmentPlace place) =>
        EnumCodes.TryParse(value, ignoreCase: true, out place);

    internal static AssessmentPlace ParsePlace(string? value) => TryParsePlace(value!, out var place) ? place : throw new ArgumentException("Unchecked place.", nameof(value));

    private static AssessmentResponse Response(HouseholdAssessment a, PersonalDataProtector protector) => new(
        a.Id, a.HouseholdId, a.TownshipCode, a.InstrumentVersion, a.Place.ToString(), a.VisitedAt, a.Status.ToString(), a.Score, a.Degree.ToString(),
        a.Degree.ChineseName(), a.DifficultyTypes, a.NeedCodes, InstrumentJson.Deserialize<AssessmentResult>(a.Result),
        InstrumentJson.Deserialize<Dictionary<string, string[]>>(a.Answers),
        a.ProtectedRequests is null ? null : protector.Unprotect(a.ProtectedRequests, RequestsPurpose),
        a.CreatedBy, a.SubmittedBy, a.ReviewedBy, a.ReturnReason);
}
