using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Funding.Apis;

public sealed record CommitRequest(string? Reference, int? Year, string? ProjectCode, string? TownshipCode, string? ItemCode, decimal? Amount);

public sealed record SpendRequest(decimal? Amount);

public sealed record CommitmentResponse(string Reference, Guid BudgetLineId, decimal Amount, decimal? SpentAmount, CommitmentStatus Status, BudgetLineResponse Line);

/// <summary>
/// Money for work (资金预留与支出): reserve it when work is ordered (the item's own line first, then the project's
/// general line, by source), release it when the work is cancelled, spend the actual amount when it is confirmed.
/// Each step is idempotent on the work's reference. Delivery's events will drive these; finance may act by hand.
/// </summary>
public static class CommitmentsApi
{
    private static readonly string[] Callers = [ReliefRoles.Service, ReliefRoles.Finance];

    public static IEndpointRouteBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/commitments").WithTags("Commitments")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(Callers));

        group.MapPost("/", Commit).WithName("CommitFunds")
            .WithSummary("Reserve money for a piece of work; FundsCommitted, or 409 and FundsRejected when no line has enough");
        group.MapPost("/{reference}/release", Release).WithName("ReleaseFunds").WithSummary("Return a reservation to the line (the work was cancelled)");
        group.MapPost("/{reference}/spend", Spend).WithName("SpendFunds").WithSummary("Spend the actual amount of confirmed work; the rest of the reservation returns to the line");
        return app;
    }

    public static async Task<Results<Created<CommitmentResponse>, Ok<CommitmentResponse>, ValidationProblem, ProblemHttpResult>> Commit(
        CommitRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Reference) || request.Reference.Length > 200)
        {
            errors["reference"] = ["请填写对应的工作（如工单号）。"];
        }

        if (request?.Year is null || string.IsNullOrWhiteSpace(request.ProjectCode) || string.IsNullOrWhiteSpace(request.TownshipCode))
        {
            errors["projectCode"] = ["请填写预算年度、购买项目和乡镇。"];
        }

        if (Money.Problem(request?.Amount) is { } problem)
        {
            errors["amount"] = [problem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "资金预留申请有误");
        }

        var reference = request!.Reference!.Trim();
        if (await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken) is { } existing)
        {
            return existing.Amount == request.Amount
                ? TypedResults.Ok(await ViewAsync(existing, db, cancellationToken))
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该工作已预留了不同金额的资金。");
        }

        var item = request.ItemCode ?? "";
        var candidates = await db.BudgetLines.AsNoTracking()
            .Where(l => l.Year == request.Year && l.ProjectCode == request.ProjectCode && l.TownshipCode == request.TownshipCode && (l.ItemCode == item || l.ItemCode == ""))
            .Join(db.FundingSourceTypes, l => l.SourceType, s => s.Code, (l, s) => new { l.Id, l.ItemCode, s.SortOrder })
            .ToListAsync(cancellationToken);
        foreach (var line in candidates.OrderBy(c => c.ItemCode == item ? 0 : 1).ThenBy(c => c.SortOrder))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var commitment = Commitment.Reserve(reference, line.Id, request.Amount!.Value, time.GetUtcNow());
            db.Commitments.Add(commitment);
            if (await FundingLedger.PostAsync(db, Postings.Commitment(line.Id, commitment.Amount), MovementKind.Commitment, reference, user.Id, time, cancellationToken))
            {
                db.AddIntegrationEvent(new FundsCommitted(reference, line.Id, commitment.Amount, time.GetUtcNow()));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该工作的资金刚刚已经预留。");
                }

                return TypedResults.Created($"/api/funding/commitments/{reference}", await ViewAsync(commitment, db, cancellationToken));
            }

            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var reason = candidates.Count == 0 ? "no-budget-line" : "insufficient-funds";
        db.AddIntegrationEvent(new FundsRejected(reference, request.Amount!.Value, reason, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: candidates.Count == 0 ? "该项目在该乡镇没有预算科目。" : "预算可用余额不足，不能预留。");
    }

    public static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Release(
        string reference, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        await SettleAsync(reference, db, async commitment =>
        {
            commitment.Release(time.GetUtcNow());
            return await FundingLedger.PostAsync(db, Postings.Release(commitment.BudgetLineId, commitment.Amount), MovementKind.Release, reference, user.Id, time, cancellationToken);
        }, cancellationToken);

    public static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Spend(
        string reference, SpendRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Money.Problem(request?.Amount) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = [problem] }, title: "支出金额有误");
        }

        return await SettleAsync(reference, db, async commitment =>
        {
            commitment.Spend(request!.Amount!.Value, time.GetUtcNow());
            return await FundingLedger.PostAsync(db, Postings.Spending(commitment.BudgetLineId, commitment.Amount, request.Amount.Value),
                MovementKind.Spending, reference, user.Id, time, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SettleAsync(
        string reference, FundingDbContext db, Func<Commitment, Task<bool>> settle, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (commitment is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            if (!await settle(commitment))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "实际金额超出预留，且预算可用余额不足。");
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该笔资金刚刚已被处理。");
        }

        return TypedResults.Ok(await ViewAsync(commitment, db, cancellationToken));
    }

    private static async Task<CommitmentResponse> ViewAsync(Commitment c, FundingDbContext db, CancellationToken cancellationToken)
    {
        var line = await db.BudgetLines.AsNoTracking().IgnoreQueryFilters().FirstAsync(l => l.Id == c.BudgetLineId, cancellationToken);
        return new CommitmentResponse(c.Reference, c.BudgetLineId, c.Amount, c.SpentAmount, c.Status, BudgetsApi.View(line));
    }
}
