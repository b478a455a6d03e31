using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Member">The person to add, as at registration.</param>
/// <param name="Reason">A reason code: birth, marriage, moved-in, moved-out, death, review or error (see the refusal for the Chinese names).</param>
public sealed record AddMemberRequest(MemberRequest? Member, string? Reason);

/// <param name="Reason">A reason code, as for adding a member.</param>
public sealed record RemoveMemberRequest(string? Reason);

/// <param name="Category">The category code or its Chinese name (低保, 特困供养 …).</param>
/// <param name="Reason">A reason code, as for adding a member.</param>
public sealed record ChangeCategoryRequest(string? Category, string? Reason);

/// <param name="VillageCode">The 12-digit code of the village (村/社区) the household lives in now; a village of another township moves it there.</param>
/// <param name="Reason">A reason code, as for adding a member (relocated: 搬迁/居住地变更).</param>
public sealed record ChangeVillageRequest(string? VillageCode, string? Reason);

/// <summary>
/// Corrections of a registered household (“在原户中更新”): a member added or removed, the category or the village changed.
/// Each with a reason code, on the audit chain in the act's transaction, announced as HouseholdCorrected (ids and codes
/// only). A person added is checked against the whole county's registry first, as at registration. A correction that
/// changes what an assessed household needs (members, category, township) makes its reassessment due today, so the
/// township is told as for any reassessment. A move to another township's village hands the household — its members,
/// assessments, alerts and visits — to that township (HouseholdMoved): the old township's staff no longer see it.
/// </summary>
public static class HouseholdCorrectionsApi
{
    /// <summary>Reasons are codes, so neither the audit chain nor an event holds free text that could itself carry personal data.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["birth"] = "出生",
        ["marriage"] = "婚嫁",
        ["moved-in"] = "迁入",
        ["moved-out"] = "迁出",
        ["death"] = "死亡",
        ["review"] = "复核认定",
        ["error"] = "信息有误更正",
        ["relocated"] = "搬迁（居住地变更）",
    };

    private static readonly string[] Correctors = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    public static IEndpointRouteBuilder MapHouseholdCorrectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/households/{id:guid}").WithTags("Households")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(Correctors));
        group.MapPost("/members", AddMember).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AddHouseholdMember")
            .WithSummary("Add a member to a registered household, with a reason code; refused if the person is registered anywhere in the county");
        group.MapPost("/members/{memberId:guid}/remove", RemoveMember).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RemoveHouseholdMember")
            .WithSummary("Remove a member (not the head, not the last one) with a reason code");
        group.MapPut("/category", ChangeCategory).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ChangeHouseholdCategory")
            .WithSummary("Change a household's category (低保, 特困供养 …) with a reason code");
        group.MapPut("/village", ChangeVillage).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ChangeHouseholdVillage")
            .WithSummary("Move a household to another village with a reason code; another township's village hands it to that township");
        return app;
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, AddMemberRequest? request, AssessmentDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        var today = time.CountyToday();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var member = request?.Member is { } asked ? RegisterHouseholdValidator.ValidateMember(asked, today, "member.", errors) : null;
        if (request?.Member is null)
        {
            errors["member"] = ["请填写要增加的成员。"];
        }

        CheckReason(request?.Reason, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "更正信息有误");
        }

        if (household.Members.Count >= RegisterHouseholdValidator.MaxMembers)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member"] = [$"家庭成员不能超过{RegisterHouseholdValidator.MaxMembers}人。"] }, title: "更正信息有误");
        }

        if (member!.Facts.Relationship == Relationship.Head && household.Members.Any(m => m.Relationship == Relationship.Head))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member.relationship"] = ["该家庭已有户主。"] }, title: "更正信息有误");
        }

        var identity = ProtectedIdentity.Protect(protector, member.Name, member.IdNumber);
        if (await HouseholdsApi.AlreadyRegisteredAsync(db, user, [identity], cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        return await CorrectAsync(db, user, time, household, "member-added", request!.Reason!, h =>
        {
            h.RequireActive();
            var added = h.AddMember(identity, member.IdNumber, member.Facts);
            h.ReassessNow(today);
            // Its id is set by the domain, so EF would take a member found only through the household for an existing row.
            db.Members.Add(added);
            return $"member:{added.Id}";
        }, cancellationToken);
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RemoveMember(
        Guid id, Guid memberId, RemoveMemberRequest? request, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null || household.Members.All(m => m.Id != memberId))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckReason(request?.Reason, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "更正信息有误");
        }

        return await CorrectAsync(db, user, time, household, "member-removed", request!.Reason!, h =>
        {
            h.RemoveMember(memberId);
            h.ReassessNow(time.CountyToday());
            return $"member:{memberId}";
        }, cancellationToken);
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeCategory(
        Guid id, ChangeCategoryRequest? request, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!HouseholdCategoryNames.TryParse(request?.Category, out var category))
        {
            errors["category"] = ["救助对象类别应为：低保、特困供养、低保边缘、刚性支出困难、防返贫监测对象、其他困难之一。"];
        }

        CheckReason(request?.Reason, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "更正信息有误");
        }

        var before = household.Category;
        return await CorrectAsync(db, user, time, household, "category-changed", request!.Reason!, h =>
        {
            h.ChangeCategory(category);
            h.ReassessNow(time.CountyToday());
            return $"from={before};to={category}";
        }, cancellationToken);
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeVillage(
        Guid id, ChangeVillageRequest? request, AssessmentDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var township = RegisterHouseholdValidator.TownshipOfVillage(request?.VillageCode, county.Value, "villageCode", errors);
        CheckReason(request?.Reason, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "更正信息有误");
        }

        var from = household.TownshipCode;
        if (township!.Code == from)
        {
            return await CorrectAsync(db, user, time, household, "village-changed", request!.Reason!, h =>
            {
                var before = h.VillageCode;
                h.MoveTo(township.Code, request.VillageCode!, time.CountyToday());
                return $"from={before};to={h.VillageCode}";
            }, cancellationToken);
        }

        // Another township's village: the household and its story go there, in one transaction with the audit entry and the event.
        try
        {
            household.MoveTo(township.Code, request!.VillageCode!, time.CountyToday());
        }
        catch (HouseholdCorrectionException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Assessments.IgnoreQueryFilters().Where(a => a.HouseholdId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.TownshipCode, township.Code), cancellationToken);
        await db.Alerts.IgnoreQueryFilters().Where(a => a.HouseholdId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.TownshipCode, township.Code), cancellationToken);
        await db.HomeVisits.IgnoreQueryFilters().Where(v => v.HouseholdId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.TownshipCode, township.Code), cancellationToken);
        var today = time.CountyToday();
        db.AddIntegrationEvent(new HouseholdMoved(household.Id, from, household.TownshipCode, household.VillageCode, household.Category.ToString(),
            household.MemberCount, household.Degree?.ToString() ?? "", today, time.GetUtcNow()));
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "household.moved", $"household:{household.Id}",
            $"from={from};to={household.TownshipCode};village={household.VillageCode};reason={request.Reason}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(HouseholdResponse.From(household, today));
    }

    private static void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (reason is null || !Reasons.ContainsKey(reason))
        {
            errors["reason"] = [$"请选择更正原因：{string.Join("、", Reasons.Select(r => $"{r.Key}（{r.Value}）"))}。"];
        }
    }

    /// <summary>Applies the correction, stages HouseholdCorrected and saves both with the audit entry in one transaction.</summary>
    private static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        AssessmentDbContext db, CurrentUser user, TimeProvider time, Household household, string correction, string reason, Func<Household, string> apply,
        CancellationToken cancellationToken)
    {
        string details;
        try
        {
            details = apply(household);
        }
        catch (HouseholdCorrectionException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new HouseholdCorrected(
            household.Id, household.TownshipCode, household.VillageCode, household.Category.ToString(), household.MemberCount, correction, now));
        try
        {
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, $"household.{correction}", $"household:{household.Id}", $"{details};reason={reason}", cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return HouseholdsApi.DuplicateProblem("该居民刚刚已被登记，请刷新后核实。");
        }

        return TypedResults.Ok(HouseholdResponse.From(household, time.CountyToday()));
    }
}
