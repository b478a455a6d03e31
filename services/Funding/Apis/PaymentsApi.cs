using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Domain.Payments;
using ReliefPlatform.Funding.Domain.Statements;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record PaymentRequest(Guid? StatementId, decimal? Amount);

public sealed record PaymentBatchRequest(string? VoucherNumber, DateOnly? PaidOn, IReadOnlyList<PaymentRequest>? Payments);

public sealed record PaymentResponse(Guid StatementId, string ProviderId, decimal Amount);

public sealed record PaymentBatchResponse(Guid Id, string VoucherNumber, DateOnly PaidOn, decimal Total, string PaidBy, DateTimeOffset RecordedAt, IReadOnlyList<PaymentResponse> Payments);

/// <summary>
/// Payment batches (拨付): approved statements paid under one accounting voucher, each for exactly what it is payable. In the
/// batch's transaction every service's reservation is spent on its budget line (commit → spend; a deduction returns to what
/// is available), the statements become paid, the payments are supervision facts, and the batch is on the audit chain.
/// </summary>
public static class PaymentsApi
{
    private static readonly string[] Readers = [ReliefRoles.CountyAdmin, ReliefRoles.Finance, ReliefRoles.Supervisor];

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/payment-batches").WithTags("Payments").RequireAuthorization(policy => policy.RequireRole(Readers));
        group.MapGet("/{id:guid}", GetBatch).WithName("GetPaymentBatch").WithSummary("A payment batch with its voucher number and the statements it paid");
        group.MapPost("/", PayBatch)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("PayStatements")
            .WithSummary("Pay approved statements under a voucher number, each for its payable amount; the reservations are spent on the budget lines");
        return app;
    }

    public static async Task<Results<Ok<PaymentBatchResponse>, NotFound>> GetBatch(Guid id, FundingDbContext db, CancellationToken cancellationToken) =>
        await db.PaymentBatches.AsNoTracking().Include(b => b.Payments).FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is { } batch
            ? TypedResults.Ok(View(batch))
            : TypedResults.NotFound();

    public static async Task<Results<Created<PaymentBatchResponse>, ValidationProblem, ProblemHttpResult>> PayBatch(
        PaymentBatchRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.VoucherNumber) || request.VoucherNumber.Trim().Length > 40)
        {
            errors["voucherNumber"] = ["请填写记账凭证号（不超过 40 字符）。"];
        }
        else if (await db.PaymentBatches.AnyAsync(b => b.VoucherNumber == request.VoucherNumber.Trim(), cancellationToken))
        {
            errors["voucherNumber"] = ["该凭证号已登记过一次拨付。"];
        }

        var today = time.CountyToday();
        if (request?.PaidOn is not { } paidOn || paidOn > today || paidOn < today.AddYears(-1))
        {
            errors["paidOn"] = ["请填写拨付日期（一年内，不晚于今天）。"];
        }

        if (request?.Payments is not { Count: > 0 and <= 200 } payments)
        {
            errors["payments"] = ["请列出本批拨付的结算单（1–200 张）。"];
            return TypedResults.ValidationProblem(errors, title: "拨付信息有误");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = payments.Where(p => p?.StatementId is not null).Select(p => p.StatementId!.Value).Distinct().ToList();
        var statements = await db.Statements.Include(s => s.Lines).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        for (var i = 0; i < payments.Count; i++)
        {
            var payment = payments[i];
            if (payment?.StatementId is not { } id || !statements.TryGetValue(id, out var statement))
            {
                errors[$"payments[{i}].statementId"] = ["结算单不存在。"];
                continue;
            }

            if (payments.Take(i).Any(earlier => earlier?.StatementId == id))
            {
                errors[$"payments[{i}].statementId"] = ["同一张结算单在本批中重复列出。"];
            }
            else if (statement.Status != StatementStatus.Approved)
            {
                errors[$"payments[{i}].statementId"] = [statement.Status == StatementStatus.Paid ? "该结算单已拨付。" : "结算单尚未经第二人审批，不能拨付。"];
            }

            if (Money.Problem(payment.Amount) is { } money)
            {
                errors[$"payments[{i}].amount"] = [money];
            }
            else if (payment.Amount > statement.Payable)
            {
                errors[$"payments[{i}].amount"] = [$"拨付金额超出结算单应付金额（{statement.Payable:0.00} 元）。"];
            }
            else if (payment.Amount < statement.Payable)
            {
                errors[$"payments[{i}].amount"] = [$"须按结算单应付金额 {statement.Payable:0.00} 元拨付。"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "拨付信息有误");
        }

        var now = time.GetUtcNow();
        var batch = PaymentBatch.Record(request.VoucherNumber!.Trim(), request.PaidOn!.Value,
            payments.Select(p => (p.StatementId!.Value, statements[p.StatementId!.Value].ProviderId, p.Amount!.Value)), user.Id, now);
        db.PaymentBatches.Add(batch);
        var references = statements.Values.SelectMany(s => s.Lines).Select(l => l.WorkOrderId.ToString()).ToList();
        var commitments = await db.Commitments.Where(c => references.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, cancellationToken);
        try
        {
            foreach (var statement in statements.Values)
            {
                statement.MarkPaid(batch.Id, now);
                foreach (var line in statement.Lines)
                {
                    if (await SpendAsync(db, commitments.GetValueOrDefault(line.WorkOrderId.ToString()), line, user.Id, time, cancellationToken) is { } problem)
                    {
                        await transaction.RollbackAsync(cancellationToken);
                        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: problem,
                            extensions: new Dictionary<string, object?> { ["statementId"] = statement.Id, ["workOrderId"] = line.WorkOrderId });
                    }

                    db.SupervisionFacts.Add(SupervisionFact.Record(FactKind.Paid, now, line.TownshipCode, line.HouseholdId, line.WorkOrderId, line.ItemCode,
                        statement.ProviderId, statement.ProjectCode, amount: line.Payable));
                }
            }

            await AuditTrail.AppendAsync(db, time, user.Id, "payment.batch", $"payment-batch:{batch.Id}",
                $"voucher={batch.VoucherNumber}; statements={string.Join(',', statements.Keys)}; total={batch.Total:0.00}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent batch paid one of these statements, or took the voucher number, a moment ago.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "其中的结算单或凭证号刚刚被另一笔拨付使用，请刷新后重试。");
        }

        return TypedResults.Created($"/api/funding/payment-batches/{batch.Id}", View(batch));
    }

    /// <summary>Spends one service's reservation for what its line pays (a fully deducted service releases it); the reason when it cannot.</summary>
    private static async Task<string?> SpendAsync(
        FundingDbContext db, Commitment? commitment, StatementLine line, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        if (commitment is not { Status: CommitmentStatus.Committed })
        {
            return "结算单上有服务的预留资金不存在或已结清，不能拨付，请财务核对。";
        }

        IReadOnlyList<Posting> postings;
        MovementKind kind;
        if (line.Payable > 0m)
        {
            commitment.Spend(line.Payable, time.GetUtcNow());
            (postings, kind) = (Postings.Spending(commitment.BudgetLineId, commitment.Amount, line.Payable), MovementKind.Spending);
        }
        else
        {
            commitment.Release(time.GetUtcNow());
            (postings, kind) = (Postings.Release(commitment.BudgetLineId, commitment.Amount), MovementKind.Release);
        }

        return await FundingLedger.PostAsync(db, postings, kind, commitment.Reference, by, time, cancellationToken)
            ? null
            : "实际拨付金额超出预留，且预算科目可用余额不足，不能拨付。";
    }

    private static PaymentBatchResponse View(PaymentBatch b) => new(
        b.Id, b.VoucherNumber, b.PaidOn, b.Total, b.PaidBy, b.RecordedAt, [.. b.Payments.Select(p => new PaymentResponse(p.StatementId, p.ProviderId, p.Amount))]);
}
