using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Funding.Domain.Statements;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record StatementRequest(string? ProviderId, Guid? ContractId, string? Month);

public sealed record LineReviewRequest(string? Reason, decimal? Amount);

public sealed record StatementLineResponse(
    Guid WorkOrderId, string TownshipCode, string ItemCode, decimal Amount, DateTimeOffset ConfirmedAt, IReadOnlyList<string> Flags, LineReview Review,
    decimal Deduction, decimal Payable, string? Reason);

public sealed record StatementResponse(
    Guid Id, string ProviderId, Guid ContractId, string ContractNumber, int Year, string ProjectCode, string Month, StatementStatus Status, decimal Total,
    decimal Deducted, decimal Payable, int Held, string PreparedBy, DateTimeOffset PreparedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? VoucherNumber, DateTimeOffset? PaidAt, IReadOnlyList<StatementLineResponse> Lines);

/// <summary>
/// Providers' monthly statements (服务结算): drawn up per provider and contract from the month's confirmed services (never a
/// migrated one: it was paid before the platform), flagged
/// records held back until reviewed (released, or deducted with a reason), approved by a second person; paid in a payment
/// batch (<see cref="PaymentsApi"/>). Provider staff read their own provider's statements only.
/// </summary>
public static class StatementsApi
{
    private static readonly string[] Readers = [ReliefRoles.CountyAdmin, ReliefRoles.Finance, ReliefRoles.Supervisor, ReliefRoles.ProviderStaff];

    public static IEndpointRouteBuilder MapStatementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/statements").WithTags("Provider statements").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers));
        group.MapGet("/", ListStatements).WithName("ListStatements").WithSummary("Statements (?providerId=&month=yyyy-MM&status=); provider staff see their own");
        group.MapGet("/{id:guid}", GetStatement).WithName("GetStatement").WithSummary("A statement with every confirmed service on it and its review");
        write.MapPost("/", DrawStatement).ProducesProblem(StatusCodes.Status409Conflict).WithName("DrawStatement")
            .WithSummary("Draw up a provider's statement for a contract and month from the confirmed services not yet on one; flagged records are held");
        write.MapPost("/{id:guid}/lines/{workOrderId:guid}/release", ReleaseLine).ProducesProblem(StatusCodes.Status409Conflict).WithName("ReleaseStatementLine")
            .WithSummary("A held record, reviewed: paid in full, with the reason");
        write.MapPost("/{id:guid}/lines/{workOrderId:guid}/deduct", DeductLine).ProducesProblem(StatusCodes.Status409Conflict).WithName("DeductStatementLine")
            .WithSummary("A held record, reviewed: paid less the amount deducted, with the reason");
        write.MapPost("/{id:guid}/approve", ApproveStatement).ProducesProblem(StatusCodes.Status409Conflict).WithName("ApproveStatement")
            .WithSummary("A second person (not the one who drew it up) approves a statement with no held records: it may be paid");
        return app;
    }

    public static async Task<Results<Ok<List<StatementResponse>>, ValidationProblem>> ListStatements(
        string? providerId, string? month, StatementStatus? status, FundingDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Statements.AsNoTracking().Include(s => s.Lines).AsQueryable();
        query = providerId is null ? query : query.Where(s => s.ProviderId == providerId);
        if (month is not null)
        {
            if (ParseMonth(month) is not { } first)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["月份格式为 yyyy-MM，如 2026-11。"] }, title: "查询条件有误");
            }

            query = query.Where(s => s.Month == first);
        }

        query = status is null ? query : query.Where(s => s.Status == status);
        var statements = await query.OrderByDescending(s => s.PreparedAt).Take(200).ToListAsync(cancellationToken);
        var vouchers = await VouchersAsync(db, statements, cancellationToken);
        return TypedResults.Ok(statements.ConvertAll(s => View(s, vouchers)));
    }

    public static async Task<Results<Ok<StatementResponse>, NotFound>> GetStatement(Guid id, FundingDbContext db, CancellationToken cancellationToken) =>
        await db.Statements.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } statement
            ? TypedResults.Ok(View(statement, await VouchersAsync(db, [statement], cancellationToken)))
            : TypedResults.NotFound();

    public static async Task<Results<Created<StatementResponse>, ValidationProblem, ProblemHttpResult>> DrawStatement(
        StatementRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.ProviderId) || request.ProviderId.Length > 64)
        {
            errors["providerId"] = ["请指定结算的服务主体。"];
        }

        var today = time.CountyToday();
        var month = ParseMonth(request?.Month);
        if (month is null || month > new DateOnly(today.Year, today.Month, 1))
        {
            errors["month"] = ["请填写结算月份（yyyy-MM，不晚于本月）。"];
        }

        var contract = request?.ContractId is { } contractId
            ? await db.PurchaseContracts.AsNoTracking().Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken)
            : null;
        if (contract is null)
        {
            errors["contractId"] = ["请指定已登记的购买服务合同。"];
        }
        else if (!errors.ContainsKey("providerId") && contract.ProviderId != request!.ProviderId!.Trim())
        {
            errors["contractId"] = ["该合同不是该服务主体的合同，不能为其结算。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "结算单信息有误");
        }

        var items = contract!.Items.Select(i => i.ItemCode).ToHashSet(StringComparer.Ordinal);
        var confirmed = (await db.SupervisionFacts.AsNoTracking()
                .Where(f => f.Kind == FactKind.Confirmed && f.ProviderId == contract.ProviderId && f.ProjectCode == contract.ProjectCode && f.Month == month
                    && f.Amount > 0 && f.SubjectId != null && !f.Migrated && !db.StatementLines.Any(l => l.WorkOrderId == f.SubjectId))
                .ToListAsync(cancellationToken))
            .Where(f => items.Contains(f.ItemCode) && contract.Townships.Contains(f.TownshipCode))
            .GroupBy(f => f.SubjectId!.Value).Select(g => g.First()).ToList();
        var orders = confirmed.Select(f => f.SubjectId).ToList();
        var flags = (await db.SupervisionFacts.AsNoTracking().Where(f => f.Kind == FactKind.Delivered && orders.Contains(f.SubjectId)).ToListAsync(cancellationToken))
            .GroupBy(f => f.SubjectId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(f => f.FlaggedShort ? f.RecordFlags.Append(ServiceRecordFlags.TooShort) : f.RecordFlags)]);

        ProviderStatement statement;
        try
        {
            statement = ProviderStatement.Draw(contract.ProviderId, contract.Id, contract.Number, contract.Year, contract.ProjectCode, month!.Value,
                confirmed.Select(f => (f.SubjectId!.Value, f.HouseholdId, f.TownshipCode, f.ItemCode, f.Amount!.Value, f.At,
                    flags.GetValueOrDefault(f.SubjectId!.Value) ?? [])), user.Id, time.GetUtcNow());
        }
        catch (StatementStateException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [ex.Message] }, title: "结算单信息有误");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Statements.Add(statement);
        try
        {
            await AuditTrail.AppendAsync(db, time, user.Id, "statement.draw", $"statement:{statement.Id}",
                $"provider={statement.ProviderId}; contract={statement.ContractNumber}; month={statement.Month:yyyy-MM}; services={statement.Lines.Count}; total={statement.Total:0.00}; held={statement.Held}",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "另一张结算单刚刚纳入了其中的服务，请刷新后重新编制。");
        }

        return TypedResults.Created($"/api/funding/statements/{statement.Id}", View(statement, new Dictionary<Guid, string>()));
    }

    public static Task<Results<Ok<StatementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReleaseLine(
        Guid id, Guid workOrderId, LineReviewRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        ReviewAsync(id, workOrderId, request, deduct: false, db, user, time, cancellationToken);

    public static Task<Results<Ok<StatementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DeductLine(
        Guid id, Guid workOrderId, LineReviewRequest? request, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        ReviewAsync(id, workOrderId, request, deduct: true, db, user, time, cancellationToken);

    public static async Task<Results<Ok<StatementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveStatement(
        Guid id, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        await ActAsync(id, db, time, user, "statement.approve", statement =>
        {
            statement.Approve(user.Id, time.GetUtcNow());
            return $"payable={statement.Payable:0.00}";
        }, cancellationToken);

    private static async Task<Results<Ok<StatementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid id, Guid workOrderId, LineReviewRequest? request, bool deduct, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 500)
        {
            errors["reason"] = [deduct ? "请写明扣减的理由（不超过500字）。" : "请写明核实放行的理由（不超过500字）。"];
        }

        if (deduct && Domain.Budgets.Money.Problem(request?.Amount) is { } money)
        {
            errors["amount"] = [money];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "审核信息有误");
        }

        var reason = request!.Reason!.Trim();
        return await ActAsync(id, db, time, user, deduct ? "statement.deduct" : "statement.release", statement =>
        {
            if (deduct)
            {
                statement.Deduct(workOrderId, request.Amount!.Value, reason, user.Id);
                return $"work-order={workOrderId}; deduction={request.Amount!.Value:0.00}";
            }

            statement.Release(workOrderId, reason, user.Id);
            return $"work-order={workOrderId}";
        }, cancellationToken);
    }

    /// <summary>An act on a statement in one transaction with its audit entry; a refused act is 409 with the reason and the statement's state.</summary>
    private static async Task<Results<Ok<StatementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActAsync(
        Guid id, FundingDbContext db, TimeProvider time, CurrentUser user, string action, Func<ProviderStatement, string> act, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statement = await db.Statements.Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return TypedResults.NotFound();
        }

        string details;
        try
        {
            details = act(statement);
        }
        catch (StatementStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message,
                extensions: new Dictionary<string, object?> { ["status"] = statement.Status.ToString(), ["held"] = statement.Held });
        }

        try
        {
            await AuditTrail.AppendAsync(db, time, user.Id, action, $"statement:{statement.Id}", details, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该结算单刚刚被另一人处理，请刷新后重试。");
        }

        return TypedResults.Ok(View(statement, await VouchersAsync(db, [statement], cancellationToken)));
    }

    internal static DateOnly? ParseMonth(string? month) =>
        month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first : null;

    private static async Task<Dictionary<Guid, string>> VouchersAsync(FundingDbContext db, IReadOnlyCollection<ProviderStatement> statements, CancellationToken cancellationToken)
    {
        var batches = statements.Where(s => s.PaymentBatchId is not null).Select(s => s.PaymentBatchId!.Value).Distinct().ToList();
        return batches.Count == 0
            ? []
            : await db.PaymentBatches.AsNoTracking().Where(b => batches.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.VoucherNumber, cancellationToken);
    }

    internal static StatementResponse View(ProviderStatement s, IReadOnlyDictionary<Guid, string> vouchers) => new(
        s.Id, s.ProviderId, s.ContractId, s.ContractNumber, s.Year, s.ProjectCode, s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), s.Status, s.Total,
        s.Deducted, s.Payable, s.Held, s.PreparedBy, s.PreparedAt, s.ApprovedBy, s.ApprovedAt,
        s.PaymentBatchId is { } batch ? vouchers.GetValueOrDefault(batch) : null, s.PaidAt,
        [.. s.Lines.OrderBy(l => l.ConfirmedAt).Select(l => new StatementLineResponse(
            l.WorkOrderId, l.TownshipCode, l.ItemCode, l.Amount, l.ConfirmedAt, l.Flags, l.Review, l.Deduction, l.Payable, l.Reason))]);
}
