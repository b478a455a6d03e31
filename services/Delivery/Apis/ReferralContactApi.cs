using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Reason">Why the officer needs the contact: contact, home-visit or verification (a code, so the audit log holds no free text).</param>
public sealed record RevealReferralContactRequest(string? Reason);

/// <summary>The household's contact as revealed to a department officer for a referral: the head of household's name and the address.</summary>
public sealed record RevealedReferralContact(Guid ReferralId, Guid HouseholdId, string? HeadName, string? Address);

/// <summary>
/// A department officer working an accepted referral may see whom to contact (an audited reveal): Delivery checks the referral
/// is their department's (the department wall) and accepted, asks Assessment for the contact as the county's services (Assessment
/// records the read on its chain with the referral and the officer), and records the reveal on its own chain. Never in an event or log.
/// </summary>
public static class ReferralContactApi
{
    /// <summary>Why an officer may ask for the contact; the code is written to the audit chain.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["contact"] = "联系家庭办理",
        ["home-visit"] = "上门核查或服务",
        ["verification"] = "核实转介情况",
    };

    public static IEndpointRouteBuilder MapReferralContactApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/delivery/referrals/{id:guid}/contact/reveal", Reveal).WithTags("Referrals")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.DepartmentOfficer))
            .WithName("RevealReferralContact")
            .WithSummary("The household's contact (head's name, address) for the officer's own department's accepted referral — audited in Delivery and Assessment");
        return app;
    }

    public static async Task<Results<Ok<RevealedReferralContact>, NotFound, ValidationProblem, ProblemHttpResult>> Reveal(
        Guid id, RevealReferralContactRequest? request, DeliveryDbContext db, CurrentUser user, IHttpClientFactory clients, TimeProvider time, CancellationToken cancellationToken)
    {
        var referral = await db.ReferralsInView.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null || user.DepartmentCode != referral.Department)
        {
            return TypedResults.NotFound();
        }

        if (request?.Reason is not { } reason || !Reasons.ContainsKey(reason))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"请选择查看原因：{string.Join("、", Reasons.Select(r => $"{r.Key}（{r.Value}）"))}。"] },
                title: "查看联系方式须说明原因");
        }

        if (referral.Status != ReferralStatus.Accepted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "接受转介后、办结前才能查看联系方式。");
        }

        HttpResponseMessage answer;
        try
        {
            answer = await clients.CreateClient(ResourceNames.Assessment).PostAsJsonAsync($"/api/assessment/households/{referral.HouseholdId}/referral-contact",
                new { referralId = referral.Id, department = referral.Department, officer = user.Id }, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return Unavailable();
        }

        if (answer.StatusCode == HttpStatusCode.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (!answer.IsSuccessStatusCode || await answer.Content.ReadFromJsonAsync<Contact>(cancellationToken) is not { } contact)
        {
            return Unavailable();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, time, user.Id, "personal-data.unmask", $"referral:{referral.Id}",
            $"household={referral.HouseholdId};department={referral.Department};reason={reason}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new RevealedReferralContact(referral.Id, referral.HouseholdId, contact.HeadName, contact.Address));
    }

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "暂时无法取得联系方式，请稍后再试。");

    /// <summary>Assessment's answer.</summary>
    private sealed record Contact(Guid HouseholdId, string? HeadName, string? Address);
}
