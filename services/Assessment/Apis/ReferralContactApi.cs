using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="ReferralId">The referral the department officer is working.</param>
/// <param name="Department">The officer's department code.</param>
/// <param name="Officer">The officer's account id (who the contact is revealed to).</param>
public sealed record ReferralContactRequest(Guid? ReferralId, string? Department, string? Officer);

/// <summary>Whom a department contacts about a referral: the head of household's name and the address — no ID numbers, no other members.</summary>
public sealed record ReferralContact(Guid HouseholdId, string? HeadName, string? Address);

/// <summary>
/// The household's contact for a department officer working a referral. Only Delivery asks (as the county's services), having
/// checked that the referral is the officer's department's and accepted; every answer is on the audit chain with the referral,
/// department and officer, in the same transaction as the read.
/// </summary>
public static class ReferralContactApi
{
    public static IEndpointRouteBuilder MapReferralContactApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/assessment/households/{id:guid}/referral-contact", Reveal)
            .WithTags("Households")
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.Service))
            .WithName("RevealReferralContact")
            .WithSummary("The head of household's name and the address for a department officer's accepted referral (Delivery only) — audited");
        return app;
    }

    public static async Task<Results<Ok<ReferralContact>, NotFound, ValidationProblem>> Reveal(
        Guid id, ReferralContactRequest? request, AssessmentDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request?.ReferralId is not { } referral || string.IsNullOrWhiteSpace(request.Department) || request.Department.Length > 40
            || string.IsNullOrWhiteSpace(request.Officer) || request.Officer.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["referralId"] = ["须写明转介、部门和查看人。"] }, title: "查看联系方式的请求有误");
        }

        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        var head = household.MembersInOrder.FirstOrDefault();
        var contact = new ReferralContact(
            household.Id,
            head is null ? null : protector.Unprotect(head.ProtectedName, ProtectedIdentity.NamePurpose),
            household.ProtectedAddress is null ? null : protector.Unprotect(household.ProtectedAddress, HouseholdsApi.AddressPurpose));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, time, user.Id, HouseholdIdentitiesApi.AuditAction, $"household:{household.Id}",
            $"reason=referral;referral={referral};department={request.Department};officer={request.Officer}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(contact);
    }
}
