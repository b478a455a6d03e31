using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Policies;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Benefits">Every existing policy the member receives now, by code (e.g. <c>long-term-care-insurance</c>) or Chinese name (长期护理保险); an empty list clears them.</param>
public sealed record SetMemberBenefitsRequest(IReadOnlyList<string?>? Benefits);

/// <summary>
/// What a member already receives (长期护理保险, 残疾人两项补贴, 特困供养照料护理费, 高龄津贴 …), so a service plan does not
/// duplicate it: the catalogue's overlap rules exclude an item or reduce its frequency for these.
/// </summary>
public static class MemberBenefitsApi
{
    public const string AuditAction = "member.benefits";

    public static IEndpointRouteBuilder MapMemberBenefitsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/assessment/households/{id:guid}/members/{memberId:guid}/benefits", SetBenefits)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Households")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff))
            .WithName("SetMemberBenefits")
            .WithSummary("Record the existing policies and social insurances a member receives (the catalogue's policy codes), audited");
        return app;
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SetBenefits(
        Guid id, Guid memberId, SetMemberBenefitsRequest? request, AssessmentDbContext db, ExistingPolicies policies, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (household is null || member is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Benefits is not { } asked)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["benefits"] = ["请提供现有政策列表（可以为空列表）。"] }, title: "现有政策有误");
        }

        IReadOnlyList<ExistingPolicy> known;
        try
        {
            known = await policies.ListAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "暂时无法核对现有政策代码，请稍后再试。");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var codes = new List<string>();
        for (var i = 0; i < asked.Count; i++)
        {
            var value = asked[i]?.Trim();
            var policy = known.FirstOrDefault(p => string.Equals(p.Code, value, StringComparison.Ordinal) || string.Equals(p.NameZh, value, StringComparison.Ordinal));
            if (policy is null)
            {
                errors[$"benefits[{i}]"] = [$"现有政策“{value}”不存在；可选：{string.Join("、", known.Select(p => p.NameZh))}。"];
                continue;
            }

            codes.Add(policy.Code);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "现有政策有误");
        }

        if (household.Status == HouseholdStatus.Exited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该家庭已退出，不能再更改。");
        }

        if (member.SetBenefits(codes, time.GetUtcNow()))
        {
            // Policy codes only: the chain says who changed which member's benefits to what, never a name.
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, AuditAction, $"member:{member.Id}", $"benefits={string.Join(',', member.Benefits)}", cancellationToken);
        }

        return TypedResults.Ok(MemberResponse.From(member, time.CountyToday()));
    }
}
