using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Provider.Domain.Incubations;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

/// <summary>
/// 培育孵化: the hub incubates social organisations and service projects — application, admission for a period, support
/// (training, space, mentoring, seed money), milestones, the end assessment, then graduation into the provider registry
/// (the registration data carried over as the provider's application, which then goes through review and approval) or closure.
/// County staff do it; supervisors and finance read it. Seed money is announced (IncubationSeedMoneyGranted, in the act's
/// transaction through the outbox) and Funding reserves it on the project's budget line in the township under the grant's reference.
/// </summary>
public static class IncubationsApi
{
    public static IEndpointRouteBuilder MapIncubationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/incubations").WithTags("Incubations")
            .RequireAuthorization(policy => policy.RequireRole([.. ProvidersApi.CountyStaff, ReliefRoles.Supervisor, ReliefRoles.Finance]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ProvidersApi.CountyStaff));

        group.MapGet("/", List).WithName("ListIncubations").WithSummary("What the hub is incubating (?status=), with milestones reached and seed money given");
        group.MapGet("/{id:guid}", Get).WithName("GetIncubation").WithSummary("An incubation with its support, milestones and end assessment");
        write.MapPost("/", Apply).WithName("ApplyForIncubation").WithSummary("An organisation's or project's application for incubation, with the data it will register with");
        write.MapPost("/{id:guid}/admit", Admit).ProducesProblem(StatusCodes.Status409Conflict).WithName("AdmitIncubation").WithSummary("Admit for an incubation period");
        write.MapPost("/{id:guid}/supports", Support).ProducesProblem(StatusCodes.Status409Conflict).WithName("RecordIncubationSupport")
            .WithSummary("Support given: training, space, mentoring or seed money (amount, budget year, project and township; Funding reserves it under the reference returned)");
        write.MapPost("/{id:guid}/milestones", PlanMilestone).ProducesProblem(StatusCodes.Status409Conflict).WithName("PlanIncubationMilestone").WithSummary("A milestone with its due date");
        write.MapPost("/{id:guid}/milestones/{milestoneId:guid}/achieve", AchieveMilestone).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AchieveIncubationMilestone").WithSummary("The milestone was reached on a day");
        write.MapPost("/{id:guid}/assessment", Assess).ProducesProblem(StatusCodes.Status409Conflict).WithName("AssessIncubation")
            .WithSummary("The end assessment: passes at 60 of 100 with every milestone reached");
        write.MapPost("/{id:guid}/graduate", Graduate).ProducesProblem(StatusCodes.Status409Conflict).WithName("GraduateIncubation")
            .WithSummary("After a passed assessment: register in the provider registry with the incubation's data (an application that goes through review and approval)");
        write.MapPost("/{id:guid}/close", Close).ProducesProblem(StatusCodes.Status409Conflict).WithName("CloseIncubation").WithSummary("End the incubation without graduating, with the reason");
        return app;
    }

    public static async Task<Ok<List<IncubationSummary>>> List(IncubationStatus? status, ProviderDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Incubations.AsNoTracking().Include(i => i.Supports).Include(i => i.Milestones).AsSplitQuery();
        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        var incubations = await query.OrderBy(i => i.Status).ThenByDescending(i => i.AppliedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(incubations.Select(Summary).ToList());
    }

    public static async Task<Results<Ok<IncubationResponse>, NotFound>> Get(Guid id, ProviderDbContext db, CancellationToken cancellationToken)
    {
        var incubation = await LoadAsync(db.Incubations.AsNoTracking(), id, cancellationToken);
        return incubation is null ? TypedResults.NotFound() : TypedResults.Ok(Describe(incubation));
    }

    public static async Task<Results<Created<IncubationResponse>, ValidationProblem>> Apply(
        IncubationApplication? application, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var creditCode = CreditCode.Normalise(application?.CreditCode);
        var kinds = (await db.ProviderKinds.AsNoTracking().Select(k => k.Code).ToListAsync(cancellationToken)).Where(k => !ProviderKinds.Individuals.Contains(k)).ToList();
        var errors = ProviderApplicationRules.Check(
            application is null ? null : new ProviderApplication(application.ProviderKind, application.Name, null, creditCode, application.Affiliation, application.HomeTownship, application.Contact),
            kinds, county.Value);
        // The registry's rules name the kind `kind`; here the field is `providerKind`.
        if (errors.Remove("kind", out var kindProblem))
        {
            errors["providerKind"] = kindProblem;
        }

        // An organisation in incubation may not be registered yet: its credit code is asked for when it graduates.
        if (creditCode is null && errors.TryGetValue("creditCode", out _))
        {
            errors.Remove("creditCode");
        }

        if (application?.Subject is not { } subject || !Enum.IsDefined(subject))
        {
            errors["subject"] = ["请选择孵化对象：Organisation（社会组织）或 ServiceProject（服务项目）。"];
        }

        if (string.IsNullOrWhiteSpace(application?.Purpose) || application.Purpose.Trim().Length > 500)
        {
            errors["purpose"] = ["请填写服务方向（不超过 500 字）。"];
        }

        if (!errors.ContainsKey("creditCode") && creditCode is not null && await db.Providers.AnyAsync(p => p.CreditCode == creditCode, cancellationToken))
        {
            errors["creditCode"] = ["该统一社会信用代码已登记为服务主体，无需孵化入库。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "孵化申请信息有误");
        }

        var incubation = Incubation.Apply(application!.Subject!.Value, application.ProviderKind!, application.Name!.Trim(), creditCode, application.Affiliation,
            application.HomeTownship, application.Purpose!.Trim(), ProvidersApi.Protect(application.Contact!, protector), user.Id, time.GetUtcNow());
        db.Incubations.Add(incubation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/incubations/{incubation.Id}", Describe(incubation));
    }

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Admit(
        Guid id, AdmissionRequest? request, ProviderDbContext db, CancellationToken cancellationToken) =>
        MoveAsync(id, db,
            request?.From is null || request.Until is null ? Problem("until", "请填写孵化期起止日期。")
            : request.Until < request.From ? Problem("until", "孵化期结束日期不能早于开始日期。") : null,
            i => i.Admit(request!.From!.Value, request.Until!.Value), cancellationToken);

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Support(
        Guid id, SupportRequest? request, ProviderDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IncubationSupport.Kinds.ContainsKey(request?.Kind ?? ""))
        {
            errors["kind"] = [$"支持类型应为：{string.Join("、", IncubationSupport.Kinds.Select(k => $"{k.Key}（{k.Value}）"))}。"];
        }

        if (string.IsNullOrWhiteSpace(request?.Description) || request.Description.Trim().Length > 500)
        {
            errors["description"] = ["请填写支持内容（不超过 500 字）。"];
        }

        if (request?.ProvidedOn is null)
        {
            errors["providedOn"] = ["请填写提供日期。"];
        }

        if (request?.Kind == IncubationSupport.SeedMoney)
        {
            if (request.Amount is not (> 0 and <= 10_000_000) || decimal.Round(request.Amount.Value, 2) != request.Amount)
            {
                errors["amount"] = ["种子资金金额应大于 0、不超过 1000 万元，精确到分。"];
            }

            if (request.Year is not (>= 2000 and <= 2100) || string.IsNullOrWhiteSpace(request.ProjectCode) || request.ProjectCode.Length > 40)
            {
                errors["projectCode"] = ["种子资金须写明预算年度和资金来源的购买项目编码。"];
            }

            if (request.TownshipCode is not { } township || county.Value.FindTownship(township) is null)
            {
                errors["townshipCode"] = ["种子资金须写明从哪个乡镇的预算列支（本县的乡镇）。"];
            }
        }

        return MoveAsync(id, db, errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "孵化支持信息有误") : null, i =>
        {
            var support = i.Support(request!.Kind!, request.Description!.Trim(), request.ProvidedOn!.Value, request.Amount, request.Year, request.ProjectCode?.Trim(),
                request.TownshipCode, user.Id, time.GetUtcNow());
            if (support.FundingReference is { } reference)
            {
                // With the support, in its transaction: Funding reserves the money when it hears of it (and waits for a budget line not opened yet).
                db.AddIntegrationEvent(new IncubationSeedMoneyGranted(
                    reference, i.Id, support.Id, support.BudgetYear!.Value, support.ProjectCode!, support.TownshipCode!, support.Amount!.Value, support.RecordedAt));
            }
        }, cancellationToken);
    }

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PlanMilestone(
        Guid id, MilestoneRequest? request, ProviderDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db,
            string.IsNullOrWhiteSpace(request?.Title) || request.Title.Trim().Length > 200 ? Problem("title", "请填写里程碑（不超过 200 字）。")
            : request.Due is null ? Problem("due", "请填写计划达成日期。") : null,
            i => i.PlanMilestone(request!.Title!.Trim(), request.Due!.Value, time.GetUtcNow()), cancellationToken);

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AchieveMilestone(
        Guid id, Guid milestoneId, AchievementRequest? request, ProviderDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, request?.Note is { Length: > 500 } ? Problem("note", "说明不超过 500 字。") : null,
            i => i.AchieveMilestone(milestoneId, request?.On ?? time.CountyToday(), string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim()), cancellationToken);

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Assess(
        Guid id, AssessmentRequest? request, ProviderDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        MoveAsync(id, db,
            request?.Score is not (>= 0 and <= 100) ? Problem("score", "评估得分应为 0–100。") : request.Note is { Length: > 1000 } ? Problem("note", "评估意见不超过 1000 字。") : null,
            i => i.Assess(request!.Score!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), user.Id), cancellationToken);

    public static async Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Graduate(
        Guid id, GraduationRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var incubation = await LoadAsync(db.Incubations, id, cancellationToken);
        if (incubation is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            incubation.EnsureMayGraduate();
        }
        catch (IncubationStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        var creditCode = incubation.CreditCode ?? CreditCode.Normalise(request?.CreditCode);
        if (creditCode is null && ProviderKinds.CreditCodeRequired.Contains(incubation.ProviderKind))
        {
            return Problem("creditCode", "登记的社会组织、养老机构和慈善组织须填写统一社会信用代码（孵化期间完成登记后取得）。")!;
        }

        if (creditCode is not null && CreditCode.Problem(creditCode) is { } codeProblem)
        {
            return Problem("creditCode", codeProblem)!;
        }

        if (creditCode is not null && await db.Providers.AnyAsync(p => p.CreditCode == creditCode, cancellationToken))
        {
            return Problem("creditCode", "该统一社会信用代码已登记，请勿重复登记。")!;
        }

        var at = time.GetUtcNow();
        // Carried over, not retyped: the provider's application is the incubation's registration data, its contact the same ciphertext.
        var provider = NetworkProvider.Apply(
            incubation.ProviderKind, incubation.Name, null, creditCode, incubation.Affiliation, incubation.HomeTownship, incubation.Contact, user.Id, at);
        try
        {
            incubation.Graduate(provider.Id, creditCode, at);
            db.Providers.Add(provider);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (IncubationStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该孵化对象刚被他人处理（或信用代码已登记），请刷新后重试。");
        }

        return TypedResults.Ok(Describe(incubation));
    }

    public static Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        Guid id, LifecycleRequest? request, ProviderDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, db, string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Trim().Length > 1000 ? Problem("reason", "请写明终止原因（不超过 1000 字）。") : null,
            i => i.Close(request!.Reason!.Trim(), time.GetUtcNow()), cancellationToken);

    private static async Task<Results<Ok<IncubationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, ProviderDbContext db, ValidationProblem? invalid, Action<Incubation> move, CancellationToken cancellationToken)
    {
        var incubation = await LoadAsync(db.Incubations, id, cancellationToken);
        if (incubation is null)
        {
            return TypedResults.NotFound();
        }

        if (invalid is not null)
        {
            return invalid;
        }

        try
        {
            move(incubation);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (IncubationStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该孵化对象刚被他人处理，请刷新后重试。");
        }

        return TypedResults.Ok(Describe(incubation));
    }

    private static Task<Incubation?> LoadAsync(IQueryable<Incubation> incubations, Guid id, CancellationToken cancellationToken) =>
        incubations.Include(i => i.Supports).Include(i => i.Milestones).AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    private static ValidationProblem? Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "孵化信息有误");

    public static string StatusName(IncubationStatus status) => status switch
    {
        IncubationStatus.Applied => "已申请",
        IncubationStatus.Incubating => "孵化中",
        IncubationStatus.Graduated => "已出壳",
        _ => "已终止",
    };

    private static IncubationSummary Summary(Incubation i) => new(
        i.Id, i.Subject, i.ProviderKind, i.Name, i.CreditCode, i.HomeTownship, i.Purpose, i.Status, StatusName(i.Status), i.PeriodFrom, i.PeriodUntil,
        i.Milestones.Count(m => m.AchievedOn is not null), i.Milestones.Count, i.Supports.Sum(s => s.Amount ?? 0), i.ProviderId);

    private static IncubationResponse Describe(Incubation i) => new(
        Summary(i), i.ContactNameMasked, i.ContactPhoneMasked,
        [.. i.Supports.OrderBy(s => s.ProvidedOn).Select(s => new SupportResponse(
            s.Id, s.Kind, IncubationSupport.Kinds.GetValueOrDefault(s.Kind, s.Kind), s.Description, s.ProvidedOn, s.Amount, s.BudgetYear, s.ProjectCode, s.FundingReference,
            s.TownshipCode))],
        [.. i.Milestones.OrderBy(m => m.Due).Select(m => new MilestoneResponse(m.Id, m.Title, m.Due, m.AchievedOn, m.Note))],
        i.AssessmentScore, i.AssessmentPassed, i.AssessmentNote, i.ClosedReason);
}
