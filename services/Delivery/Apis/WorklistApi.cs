using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Complaints;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Delivery.Apis;

/// <summary>
/// How long each of the caller's Delivery worklists is. Null where the caller may not read that list; otherwise the
/// number of rows the list itself would show — the same filters and the same walls (township, provider, department) — so
/// a 工作台 tile never promises what its list does not hold.
/// </summary>
/// <param name="PlansToApprove">Draft plans (<c>/plans</c>).</param>
/// <param name="UnmetNeeds">Approved plans with a need no provider serves (<c>/unmet-needs</c>).</param>
/// <param name="OverdueOrders">Orders past their response or completion deadline (<c>/work-orders?overdue=true</c>).</param>
/// <param name="ComplaintsDue">Complaints past their deadline (<c>/complaints?overdue=true</c>).</param>
/// <param name="ComplaintsReceived">Complaints not yet assigned (<c>/complaints?status=Received</c>).</param>
/// <param name="ReferralsSent">Referrals a department has not answered yet (<c>/referrals?status=Sent</c>).</param>
public sealed record WorklistCounts(
    int? PlansToApprove, int? UnmetNeeds, int? OverdueOrders, int? ComplaintsDue, int? ComplaintsReceived, int? ReferralsSent);

public static class WorklistApi
{
    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        string[] anyReader = [.. ServicePlansApi.Readers, .. WorkOrdersApi.Readers, .. ComplaintsApi.Readers, .. ReferralsApi.Readers];
        app.MapGet("/api/delivery/worklist", Counts).WithTags("Worklist").WithName("WorklistCounts")
            .RequireAuthorization(policy => policy.RequireRole(anyReader.Distinct()))
            .WithSummary("How many rows each of the caller's worklists holds (null where the caller may not read that list)");
        return app;
    }

    public static async Task<Ok<WorklistCounts>> Counts(HttpContext http, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        bool May(string[] readers) => readers.Any(http.User.IsInRole);

        // One after the other: a DbContext runs one query at a time, and each is a count on an index.
        return TypedResults.Ok(new WorklistCounts(
            May(ServicePlansApi.Readers) ? await ServicePlansApi.InQueue(db.Plans, PlanStatus.Draft, null).CountAsync(cancellationToken) : null,
            May(ServicePlansApi.Readers) ? await ServicePlansApi.Unmet(db.Plans).CountAsync(cancellationToken) : null,
            May(WorkOrdersApi.Readers) ? await WorkOrdersApi.Filter(db.WorkOrders, null, null, overdue: true, null, null, now).CountAsync(cancellationToken) : null,
            May(ComplaintsApi.Readers) ? await ComplaintsApi.Filter(db.Complaints, null, overdue: true, now).CountAsync(cancellationToken) : null,
            May(ComplaintsApi.Readers) ? await ComplaintsApi.Filter(db.Complaints, ComplaintStatus.Received, null, now).CountAsync(cancellationToken) : null,
            May(ReferralsApi.Readers) ? await ReferralsApi.Filter(db.ReferralsInView, ReferralStatus.Sent, null, null, now).CountAsync(cancellationToken) : null));
    }
}
