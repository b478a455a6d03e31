using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Status">The status now: its name (失业), another common name (无业) or its code (<c>Unemployed</c>).</param>
/// <param name="EffectiveOn">The county day it holds from (not in the future).</param>
/// <param name="Reason">A reason code: changed, review or error (see the refusal for the Chinese names).</param>
public sealed record CorrectEmploymentStatusRequest(string? Status, DateOnly? EffectiveOn, string? Reason);

/// <summary>
/// A member's employment status (recorded at registration or by the monitoring import, for 工会's items for workers in
/// difficulty) corrected with the day it holds from and a reason code — on the audit chain in the act's transaction, codes
/// and dates only. Matching reads the member's status when it next drafts a plan.
/// </summary>
public static class MemberEmploymentApi
{
    public const string AuditAction = "member.employment-status";

    /// <summary>Reasons are codes, so the audit chain holds no free text that could itself carry personal data.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["changed"] = "就业状况发生变化",
        ["review"] = "复核认定",
        ["error"] = "信息有误更正",
    };

    public static IEndpointRouteBuilder MapMemberEmploymentApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/assessment/households/{id:guid}/members/{memberId:guid}/employment-status", Correct)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("Households")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff))
            .WithName("CorrectMemberEmploymentStatus")
            .WithSummary("Correct a member's employment status with the day it holds from and a reason code, audited");
        return app;
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Correct(
        Guid id, Guid memberId, CorrectEmploymentStatusRequest? request, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (household is null || member is null)
        {
            return TypedResults.NotFound();
        }

        var today = time.CountyToday();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ChineseNames.TryParse(request?.Status, out EmploymentStatus status))
        {
            errors["status"] = [ChineseNames.EmploymentStatusProblem];
        }

        if (request?.EffectiveOn is not { } effectiveOn)
        {
            errors["effectiveOn"] = ["请填写生效日期。"];
        }
        else if (effectiveOn > today)
        {
            errors["effectiveOn"] = ["生效日期不能晚于今天。"];
        }
        else if (effectiveOn < member.BirthDate)
        {
            errors["effectiveOn"] = ["生效日期不能早于该成员的出生日期。"];
        }

        if (request?.Reason is not { } reason || !Reasons.ContainsKey(reason))
        {
            errors["reason"] = [$"请选择更正原因：{string.Join("、", Reasons.Select(r => $"{r.Key}（{r.Value}）"))}。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "就业状况更正有误");
        }

        if (household.Status == HouseholdStatus.Exited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该家庭已退出，不能再更改。");
        }

        var before = member.EmploymentStatus;
        if (member.CorrectEmploymentStatus(status, request!.EffectiveOn!.Value, today, time.GetUtcNow()))
        {
            // Codes and dates only: who changed which member's status from what to what, since when and why — never a name.
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, AuditAction, $"member:{member.Id}",
                $"from={before?.ToString() ?? "none"};to={status};effectiveOn={request.EffectiveOn.Value:yyyy-MM-dd};reason={request.Reason}", cancellationToken);
        }

        return TypedResults.Ok(MemberResponse.From(member, today));
    }
}
