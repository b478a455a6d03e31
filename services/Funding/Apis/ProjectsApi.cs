using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Projects;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record ProjectRequest(
    int? Year, string? Code, string? Name, string? Goals, IReadOnlyList<string>? Items, IReadOnlyList<string>? Townships, decimal? Budget,
    IReadOnlyList<string>? Documents);

public sealed record AcceptanceScoresRequest(int? Completion, int? Satisfaction, int? Funds, int? Records);

/// <param name="Stage">Initiated (again, after a return), MidTermReviewed, Accepted or Closed.</param>
public sealed record StageProposalRequest(string? Stage, string? Findings, IReadOnlyList<string>? Documents, AcceptanceScoresRequest? Scores);

public sealed record ReturnProposalRequest(string? Reason);

/// <summary>
/// A project's money, contracts and services so far: its budget lines (allocated, committed, spent), the contracts awarded
/// under it, and from the supervision facts its orders, deliveries (short ones flagged), confirmations and satisfaction
/// (mean score, and the share of scored confirmations at 4–5 that 验收's satisfaction criterion is computed from).
/// </summary>
public sealed record ProjectFigures(
    decimal Budget, decimal Allocated, decimal Committed, decimal Spent, decimal Available, int Contracts, decimal ContractCeiling,
    int OrdersCreated = 0, int ServicesDelivered = 0, int FlaggedShort = 0, int ServicesConfirmed = 0, decimal? SatisfactionMean = null,
    decimal? SatisfiedShare = null);

public sealed record StageRecordResponse(
    ProjectStage To, string ToName, string Findings, IReadOnlyList<string> Documents, AcceptanceScores? Scores, int? Total, AcceptanceOutcome? Outcome,
    ProjectFigures? Figures, ProposalStatus Status, string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? ReturnReason);

public sealed record ProjectResponse(
    Guid Id, int Year, string Code, string Name, string Goals, IReadOnlyList<string> Items, IReadOnlyList<string> Townships, decimal Budget,
    ProjectStage Stage, string StageName, AcceptanceOutcome? Outcome, IReadOnlyList<ProjectStage> NextStages, ProjectFigures Figures,
    IReadOnlyList<StageRecordResponse> History);

/// <summary>
/// Purchase projects (政府购买服务项目) and their supervision: 立项 → 中期评估 → 验收 (scored; pass, rectify or fail) → 结项,
/// every stage proposed by one person with findings and documents, approved by another, audited, and announced as ProjectStageChanged.
/// </summary>
public static class ProjectsApi
{
    internal static readonly string[] Readers = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Finance, ReliefRoles.Supervisor];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/projects").WithTags("Purchase projects").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers));
        group.MapGet("/", ListProjects).WithName("ListProjects").WithSummary("Projects (?year=&stage=)");
        group.MapGet("/{id:guid}", GetProject).WithName("GetProject").WithSummary("A project with its figures, contracts and every stage it went through");
        write.MapPost("/", ProposeProject).WithName("ProposeProject").WithSummary("Propose a project (立项申请): goals, items, townships, budget, documents");
        write.MapPost("/{id:guid}/stages", ProposeStage).ProducesProblem(StatusCodes.Status409Conflict).WithName("ProposeProjectStage")
            .WithSummary("Propose the next stage with findings and documents (an acceptance with its scores)");
        write.MapPost("/{id:guid}/stages/approve", ApproveStage).ProducesProblem(StatusCodes.Status409Conflict).WithName("ApproveProjectStage")
            .WithSummary("A second person approves the pending stage: it takes effect; ProjectStageChanged");
        write.MapPost("/{id:guid}/stages/return", ReturnStage).ProducesProblem(StatusCodes.Status409Conflict).WithName("ReturnProjectStage").WithSummary("Return the pending stage with a reason");
        return app;
    }

    public static async Task<Ok<List<ProjectResponse>>> ListProjects(int? year, ProjectStage? stage, FundingDbContext db, CancellationToken cancellationToken)
    {
        var query = db.PurchaseProjects.AsNoTracking().Include(p => p.Records).AsQueryable();
        query = year is null ? query : query.Where(p => p.Year == year);
        query = stage is null ? query : query.Where(p => p.Stage == stage);
        var projects = await query.OrderByDescending(p => p.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var figures = await FiguresAsync(db, projects, cancellationToken);
        return TypedResults.Ok(projects.ConvertAll(p => View(p, figures[p.Id])));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFound>> GetProject(Guid id, FundingDbContext db, CancellationToken cancellationToken) =>
        await db.PurchaseProjects.AsNoTracking().Include(p => p.Records).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } project
            ? TypedResults.Ok(View(project, await FiguresAsync(db, project, cancellationToken)))
            : TypedResults.NotFound();

    public static async Task<Results<Created<ProjectResponse>, ValidationProblem>> ProposeProject(
        ProjectRequest? request, FundingDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        request ??= new ProjectRequest(null, null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = ["请填写项目年度。"];
        }

        if (!Codes.IsValid(request.Code))
        {
            errors["code"] = ["项目编号为 2–40 位字母、数字或连字符，如 HS-2026-01。"];
        }
        else if (await db.PurchaseProjects.AnyAsync(p => p.Year == request.Year && p.Code == request.Code, cancellationToken))
        {
            errors["code"] = ["该年度已有同编号的项目。"];
        }

        Text(errors, "name", request.Name, 100, "项目名称");
        Text(errors, "goals", request.Goals, 1000, "项目目标");
        if (request.Items is not { Count: > 0 } || request.Items.Any(i => !Codes.IsValid(i)))
        {
            errors["items"] = ["请列出项目购买的服务项目编码。"];
        }

        if (request.Townships is not { Count: > 0 } || request.Townships.Any(t => county.Value.FindTownship(t) is null))
        {
            errors["townships"] = ["请列出项目覆盖的乡镇（本县乡镇代码）。"];
        }

        if (Money.Problem(request.Budget) is { } money)
        {
            errors["budget"] = [money];
        }

        Documents(errors, request.Documents);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "项目信息有误");
        }

        var project = PurchaseProject.Propose(request.Year!.Value, request.Code!, request.Name!.Trim(), request.Goals!.Trim(), request.Items!, request.Townships!,
            request.Budget!.Value, [.. request.Documents!.Select(d => d.Trim())], user.Id, time.GetUtcNow());
        db.PurchaseProjects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/funding/projects/{project.Id}", View(project, await FiguresAsync(db, project, cancellationToken)));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ProposeStage(
        Guid id, StageProposalRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = await db.PurchaseProjects.Include(p => p.Records).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        request ??= new StageProposalRequest(null, null, null, null);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.TryParse<ProjectStage>(request.Stage, ignoreCase: false, out var stage) || !Enum.IsDefined(stage) || char.IsDigit(request.Stage![0]))
        {
            errors["stage"] = ["阶段应为 Initiated、MidTermReviewed、Accepted 或 Closed。"];
        }

        Text(errors, "findings", request.Findings, 2000, "评估或审查意见");
        Documents(errors, request.Documents);
        var figures = await FiguresAsync(db, project, cancellationToken);
        AcceptanceScores? scores = null;
        if (stage == ProjectStage.Accepted)
        {
            scores = Scores(errors, request.Scores, AcceptanceScores.SatisfactionPoints(figures.SatisfiedShare));
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "阶段申请有误");
        }

        if (stage == ProjectStage.MidTermReviewed && figures.Contracts == 0)
        {
            return Conflict(project, "本项目下尚未签订购买服务合同，不能进行中期评估。");
        }

        try
        {
            project.ProposeStage(stage, request.Findings!.Trim(), [.. request.Documents!.Select(d => d.Trim())], scores,
                JsonSerializer.Serialize(figures, Json), user.Id, time.GetUtcNow());
        }
        catch (ProjectStateException ex)
        {
            return Conflict(project, ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(project, figures));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveStage(
        Guid id, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        await DecideAsync(id, db, user, time, null, cancellationToken);

    public static async Task<Results<Ok<ProjectResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReturnStage(
        Guid id, ReturnProposalRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写退回原因（不超过500字）。"] }, title: "退回信息有误");
        }

        return await DecideAsync(id, db, user, time, request.Reason.Trim(), cancellationToken);
    }

    private static async Task<Results<Ok<ProjectResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, FundingDbContext db, CurrentUser user, TimeProvider time, string? returnReason, CancellationToken cancellationToken)
    {
        var project = await db.PurchaseProjects.Include(p => p.Records).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (returnReason is not null)
            {
                var returned = project.Pending?.To;
                project.Return(user.Id, now, returnReason);
                await AuditTrail.AppendAsync(db, time, user.Id, "project.return", $"project:{project.Id}", $"code={project.Code}; stage={returned}", cancellationToken);
            }
            else
            {
                var score = project.Pending?.Scores?.Total;
                var from = project.Approve(user.Id, now);
                db.AddIntegrationEvent(new ProjectStageChanged(project.Id, project.Year, project.Code, from.ToString(), project.Stage.ToString(),
                    project.Stage is ProjectStage.Accepted or ProjectStage.Rectifying ? project.Outcome?.ToString() : null, score, now));
                await AuditTrail.AppendAsync(db, time, user.Id, "project.stage", $"project:{project.Id}",
                    $"code={project.Code}; from={from}; to={project.Stage}; outcome={project.Outcome}; score={score}", cancellationToken);
            }
        }
        catch (ProjectStateException ex)
        {
            return Conflict(project, ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(View(project, await FiguresAsync(db, project, cancellationToken)));
    }

    private static async Task<ProjectFigures> FiguresAsync(FundingDbContext db, PurchaseProject project, CancellationToken cancellationToken) =>
        (await FiguresAsync(db, [project], cancellationToken))[project.Id];

    /// <summary>The figures of many projects in three queries (budget lines, contracts, supervision facts), not three per project.</summary>
    private static async Task<Dictionary<Guid, ProjectFigures>> FiguresAsync(
        FundingDbContext db, IReadOnlyCollection<PurchaseProject> projects, CancellationToken cancellationToken)
    {
        var codes = projects.Select(p => p.Code).Distinct().ToList();
        var lines = await db.BudgetLines.AsNoTracking().Where(l => codes.Contains(l.ProjectCode))
            .GroupBy(l => new { l.Year, l.ProjectCode })
            .Select(g => new { g.Key.Year, g.Key.ProjectCode, Allocated = g.Sum(l => l.Allocated), Committed = g.Sum(l => l.Committed), Spent = g.Sum(l => l.Spent) })
            .ToListAsync(cancellationToken);
        var contracts = await db.PurchaseContracts.AsNoTracking().Include(c => c.Items).Where(c => codes.Contains(c.ProjectCode)).ToListAsync(cancellationToken);
        var facts = await db.SupervisionFacts.AsNoTracking().Where(f => codes.Contains(f.ProjectCode))
            .GroupBy(f => new { f.ProjectCode, f.Kind, f.At.Year })
            .Select(g => new
            {
                g.Key.ProjectCode, g.Key.Kind, g.Key.Year, Count = g.Count(), Short = g.Count(f => f.FlaggedShort),
                ScoreSum = g.Sum(f => f.Satisfaction ?? 0), Scored = g.Count(f => f.Satisfaction != null), Satisfied = g.Count(f => f.Satisfaction >= 4),
            })
            .ToListAsync(cancellationToken);
        return projects.ToDictionary(project => project.Id, project =>
        {
            var line = lines.Find(l => l.Year == project.Year && l.ProjectCode == project.Code);
            var own = contracts.Where(c => c.Year == project.Year && c.ProjectCode == project.Code).ToList();
            var services = facts.Where(f => f.ProjectCode == project.Code && f.Year >= project.Year).ToList();
            int Count(FactKind kind) => services.Where(f => f.Kind == kind).Sum(f => f.Count);
            var confirmed = services.Where(f => f.Kind == FactKind.Confirmed).ToList();
            var scored = confirmed.Sum(f => f.Scored);
            var satisfied = confirmed.Sum(f => f.Satisfied);
            var allocated = line?.Allocated ?? 0m;
            var committed = line?.Committed ?? 0m;
            var spent = line?.Spent ?? 0m;
            return new ProjectFigures(project.Budget, allocated, committed, spent, allocated - committed - spent, own.Count, own.Sum(c => c.CeilingAmount),
                Count(FactKind.OrderCreated), Count(FactKind.Delivered), services.Where(f => f.Kind == FactKind.Delivered).Sum(f => f.Short), Count(FactKind.Confirmed),
                scored > 0 ? decimal.Round((decimal)confirmed.Sum(f => f.ScoreSum) / scored, 2, MidpointRounding.AwayFromZero) : null,
                scored > 0 ? decimal.Round((decimal)satisfied / scored, 4, MidpointRounding.AwayFromZero) : null);
        });
    }

    /// <summary>The typed criteria; satisfaction is not typed but computed from the project's real confirmations (<paramref name="satisfaction"/>).</summary>
    private static AcceptanceScores? Scores(Dictionary<string, string[]> errors, AcceptanceScoresRequest? request, int satisfaction)
    {
        if (request?.Satisfaction is not null)
        {
            errors["scores.satisfaction"] = ["满意度得分由平台按本项目服务对象的确认评价计算（评 4–5 分的占比 × 30），不能手填。"];
        }

        if (request is not { Completion: { } completion, Funds: { } funds, Records: { } records })
        {
            errors["scores"] = ["验收须按三项评分：服务完成（30）、资金使用（20）、档案资料（20）；服务对象满意度（30）由平台计算。"];
            return null;
        }

        var scores = new AcceptanceScores(completion, satisfaction, funds, records);
        foreach (var criterion in scores.OutOfRange())
        {
            errors[$"scores.{criterion}"] = [$"该项得分应在 0–{AcceptanceScores.Maxima[criterion]} 分之间。"];
        }

        return scores;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"请填写{what}（不超过{max}字）。"];
        }
    }

    private static void Documents(Dictionary<string, string[]> errors, IReadOnlyList<string>? documents)
    {
        if (documents is not { Count: > 0 and <= 20 } || documents.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 200))
        {
            errors["documents"] = ["请列出所依据的文件（1–20 份，每份编号或名称不超过200字）。"];
        }
    }

    private static ProblemHttpResult Conflict(PurchaseProject project, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: message,
            extensions: new Dictionary<string, object?> { ["stage"] = project.Stage.ToString(), ["nextStages"] = project.NextStages().Select(s => s.ToString()).ToList() });

    private static ProjectResponse View(PurchaseProject p, ProjectFigures figures) => new(
        p.Id, p.Year, p.Code, p.Name, p.Goals, p.Items, p.Townships, p.Budget, p.Stage, PurchaseProject.StageName(p.Stage), p.Outcome, p.NextStages(), figures,
        [.. p.Records.OrderBy(r => r.ProposedAt).ThenBy(r => r.Id).Select(r => new StageRecordResponse(
            r.To, PurchaseProject.StageName(r.To), r.Findings, r.Documents, r.Scores, r.Scores?.Total, r.Scores?.Outcome,
            r.Figures is null ? null : JsonSerializer.Deserialize<ProjectFigures>(r.Figures, Json), r.Status, r.ProposedBy, r.ProposedAt, r.DecidedBy,
            r.DecidedAt, r.ReturnReason))]);
}
