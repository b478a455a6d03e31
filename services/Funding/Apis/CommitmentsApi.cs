using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Authorization;
using static ReliefPlatform.Funding.Infrastructure.FundingCommitments;

namespace ReliefPlatform.Funding.Apis;

public sealed record CommitRequest(string? Reference, int? Year, string? ProjectCode, string? TownshipCode, string? ItemCode, decimal? Amount);

public sealed record SpendRequest(decimal? Amount);

public sealed record CommitmentResponse(string Reference, Guid BudgetLineId, decimal Amount, decimal? SpentAmount, CommitmentStatus Status, BudgetLineResponse Line);

/// <summary>
/// Money for work by hand (资金预留与支出): the same steps Delivery's events drive — reserve when work is ordered,
/// release when it is cancelled, spend the actual amount of work done outside work orders — for finance to use when needed.
/// A confirmed work order's money is spent only by paying its provider's statement (PaymentsApi).
/// </summary>
public static class CommitmentsApi
{
    private static readonly string[] Callers = [ReliefRoles.Service, ReliefRoles.Finance];

    public static IEndpointRouteBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/commitments").WithTags("Commitments")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(Callers));

        group.MapPost("/", Commit).ProducesProblem(StatusCodes.Status409Conflict).WithName("CommitFunds")
            .WithSummary("Reserve money for a piece of work; FundsCommitted, or 409 and FundsRejected when no line has enough");
        group.MapPost("/{reference}/release", Release).ProducesProblem(StatusCodes.Status409Conflict).WithName("ReleaseFunds").WithSummary("Return a reservation to the line (the work was cancelled)");
        group.MapPost("/{reference}/spend", Spend).ProducesProblem(StatusCodes.Status409Conflict).WithName("SpendFunds").WithSummary("Spend the actual amount of confirmed work; the rest of the reservation returns to the line");
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

        var (outcome, commitment) = await CommitAsync(db, new Request(request!.Reference!.Trim(), request.Year!.Value, request.ProjectCode!,
            request.TownshipCode!, request.ItemCode ?? "", request.Amount!.Value), user.Id, time, cancellationToken);
        return outcome switch
        {
            Outcome.Committed => TypedResults.Created($"/api/funding/commitments/{commitment!.Reference}", await ViewAsync(commitment, db, cancellationToken)),
            Outcome.AlreadyCommitted when commitment is not null => TypedResults.Ok(await ViewAsync(commitment, db, cancellationToken)),
            Outcome.DifferentAmount => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该工作已预留了不同金额的资金。"),
            Outcome.Withdrawn => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该工作已取消，不再预留资金。"),
            Outcome.ProjectShut => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该购买项目验收未通过或已结项，不能再预留资金。"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "预算可用余额不足（或该项目在该乡镇没有预算科目），不能预留。"),
        };
    }

    public static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Release(
        string reference, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        await AnswerAsync(await ReleaseAsync(db, reference, user.Id, time, cancellationToken), db, cancellationToken);

    public static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Spend(
        string reference, SpendRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Money.Problem(request?.Amount) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = [problem] }, title: "支出金额有误");
        }

        if (await db.Commitments.AsNoTracking().AnyAsync(c => c.Reference == reference && c.ConfirmedAmount != null, cancellationToken))
        {
            // A confirmed service is paid to its provider only through an approved statement and a payment batch.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已确认的服务须列入服务主体的结算单，经第二人审批后在拨付批次中支付，不能直接支出。");
        }

        return await AnswerAsync(await SpendAsync(db, reference, request!.Amount!.Value, user.Id, time, cancellationToken), db, cancellationToken);
    }

    private static async Task<Results<Ok<CommitmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        (Outcome Outcome, Commitment? Commitment) settled, FundingDbContext db, CancellationToken cancellationToken) => settled.Outcome switch
    {
        Outcome.Settled => TypedResults.Ok(await ViewAsync(settled.Commitment!, db, cancellationToken)),
        Outcome.NotFound => TypedResults.NotFound(),
        Outcome.AlreadySettled => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: settled.Commitment?.Status switch
            {
                CommitmentStatus.Released => "该笔预留资金已释放。",
                CommitmentStatus.Withdrawn => "该工作已取消，未预留资金。",
                _ => "该笔预留资金已支出。",
            }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "实际金额超出预留，且预算可用余额不足。"),
    };

    private static async Task<CommitmentResponse> ViewAsync(Commitment c, FundingDbContext db, CancellationToken cancellationToken)
    {
        var line = await db.BudgetLines.AsNoTracking().IgnoreQueryFilters().FirstAsync(l => l.Id == c.BudgetLineId, cancellationToken);
        return new CommitmentResponse(c.Reference, c.BudgetLineId, c.Amount, c.SpentAmount, c.Status, BudgetsApi.View(line));
    }
}
