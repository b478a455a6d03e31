using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Reason">Why the full data is needed: home-visit, service-dispatch, payment, correction or verification.</param>
public sealed record RevealIdentitiesRequest(string? Reason);

public sealed record RevealedHousehold(Guid HouseholdId, string? Address, IReadOnlyList<RevealedMember> Members);

public sealed record RevealedMember(Guid MemberId, string Name, string IdNumber);

/// <summary>
/// The one way to a household's full names, ID numbers and address: for callers who may unmask, with a
/// stated reason, and written to the audit chain in the same transaction as the read.
/// </summary>
public static class HouseholdIdentitiesApi
{
    public const string AuditAction = "personal-data.unmask";

    /// <summary>Reasons are codes, so the audit log never holds free text that could itself carry personal data.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["home-visit"] = "入户核查",
        ["service-dispatch"] = "服务派单",
        ["payment"] = "资金发放",
        ["correction"] = "信息更正",
        ["verification"] = "身份核验",
    };

    public static IEndpointRouteBuilder MapHouseholdIdentitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/assessment/households/{id:guid}/identities/reveal", RevealIdentities).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags("Households")
            .RequireAuthorization(policy => policy.RequireRole(HouseholdsApi.RegistryRoles))
            .WithName("RevealHouseholdIdentities")
            .WithSummary("Full names, ID numbers and address of a household — audited")
            .WithDescription("Only county staff and the township's own staff; every call is written to the audit log with the caller and reason.");
        return app;
    }

    public static async Task<Results<Ok<RevealedHousehold>, NotFound, ValidationProblem, ProblemHttpResult>> RevealIdentities(
        Guid id,
        RevealIdentitiesRequest request,
        AssessmentDbContext db,
        CurrentUser user,
        PersonalDataProtector protector,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayUnmaskPersonalData)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "您的角色不能查看完整的身份信息。");
        }

        if (request.Reason is null || !Reasons.ContainsKey(request.Reason))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"请选择查看原因：{string.Join("、", Reasons.Select(r => $"{r.Key}（{r.Value}）"))}。"] },
                title: "查看完整身份信息须说明原因");
        }

        var revealed = new RevealedHousehold(
            household.Id,
            household.ProtectedAddress is null ? null : protector.Unprotect(household.ProtectedAddress, HouseholdsApi.AddressPurpose),
            household.MembersInOrder.Select(m => new RevealedMember(
                m.Id, protector.Unprotect(m.ProtectedName, ProtectedIdentity.NamePurpose), protector.Unprotect(m.ProtectedIdNumber, ProtectedIdentity.IdNumberPurpose))).ToList());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.AppendAsync(
            db, time, user.Id, AuditAction, $"household:{household.Id}", $"reason={request.Reason};members={household.Members.Count}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(revealed);
    }
}
