using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record AllocationProposal(
    int? Year, string? SourceType, string? ProjectCode, string? TownshipCode, string? ItemCode, Guid? FromLineId, decimal? Amount, string? Reason);

public sealed record AllocationResponse(
    Guid Id, AllocationKind Kind, BudgetKey Target, Guid? FromLineId, decimal Amount, string Reason, AllocationStatus Status,
    string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, string? RejectionReason);

public sealed record BudgetLineResponse(
    Guid Id, int Year, string SourceType, string ProjectCode, string TownshipCode, string ItemCode, decimal Allocated, decimal Committed, decimal Spent, decimal Available);

public sealed record LedgerEntryResponse(long Id, Guid TransactionId, LedgerAccount Account, decimal Amount, MovementKind Kind, string Reference, DateTimeOffset At);

public sealed record BudgetLineDetail(BudgetLineResponse Line, IReadOnlyList<LedgerEntryResponse> Entries);

public sealed record DecisionRequest(string? Reason);

/// <summary>
/// Budgets (预算): lines by year × source × purchase project × township (× item), money put on them or moved
/// between them only when a second person approves, and every line's ledger.
/// </summary>
public static class BudgetsApi
{
    public static readonly string[] Readers =
        [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Finance, ReliefRoles.Supervisor, ReliefRoles.TownshipStaff];

    public static readonly string[] Treasurers = [ReliefRoles.Finance, ReliefRoles.CountyAdmin];

    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding").WithTags("Budgets").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).RequireAuthorization(p => p.RequireRole(Treasurers));

        group.MapGet("/budget-lines", ListLines).WithName("ListBudgetLines").WithSummary("Budget lines with allocated, committed, spent and available (?year=&projectCode=&townshipCode=)");
        group.MapGet("/budget-lines/{id:guid}", GetLine).WithName("GetBudgetLine").WithSummary("A line with its ledger entries, newest first");
        group.MapGet("/allocations", ListAllocations).WithName("ListAllocations").WithSummary("Allocation and re-allocation requests (?status=Proposed)");
        write.MapPost("/allocations", Propose).WithName("ProposeAllocation")
            .WithSummary("Propose putting money on a line, or moving it from another line (fromLineId); nothing moves until a second person approves");
        write.MapPost("/allocations/{id:guid}/approve", Approve).ProducesProblem(StatusCodes.Status409Conflict).WithName("ApproveAllocation")
            .WithSummary("Approve a proposal (not the proposer): the money moves, on the ledger and the audit chain");
        write.MapPost("/allocations/{id:guid}/reject", Reject).ProducesProblem(StatusCodes.Status409Conflict).WithName("RejectAllocation").WithSummary("Reject a proposal, with the reason");
        return app;
    }

    public static async Task<Ok<List<BudgetLineResponse>>> ListLines(
        int? year, string? projectCode, string? townshipCode, FundingDbContext db, CancellationToken cancellationToken)
    {
        var query = db.BudgetLines.AsNoTracking();
        query = year is null ? query : query.Where(l => l.Year == year);
        query = projectCode is null ? query : query.Where(l => l.ProjectCode == projectCode);
        query = townshipCode is null ? query : query.Where(l => l.TownshipCode == townshipCode);
        var lines = await query.OrderBy(l => l.Year).ThenBy(l => l.ProjectCode).ThenBy(l => l.TownshipCode).ThenBy(l => l.SourceType).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(lines.Select(View).ToList());
    }

    public static async Task<Results<Ok<BudgetLineDetail>, NotFound>> GetLine(Guid id, FundingDbContext db, CancellationToken cancellationToken)
    {
        var line = await db.BudgetLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (line is null)
        {
            return TypedResults.NotFound();
        }

        var entries = await db.Ledger.AsNoTracking().Where(e => e.BudgetLineId == id).OrderByDescending(e => e.Id).Take(1000)
            .Select(e => new LedgerEntryResponse(e.Id, e.TransactionId, e.Account, e.Amount, e.Kind, e.Reference, e.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new BudgetLineDetail(View(line), entries));
    }

    public static async Task<Ok<List<AllocationResponse>>> ListAllocations(AllocationStatus? status, FundingDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var query = db.AllocationRequests.AsNoTracking();
        query = status is null ? query : query.Where(r => r.Status == status);
        // Allocation requests name townships; township-bound readers see their own.
        query = user.WalledTownship is { } own ? query.Where(r => r.TownshipCode == own) : query;
        return TypedResults.Ok((await query.OrderByDescending(r => r.ProposedAt).Take(500).ToListAsync(cancellationToken)).Select(View).ToList());
    }

    public static async Task<Results<Created<AllocationResponse>, ValidationProblem>> Propose(
        AllocationProposal? proposal, FundingDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        BudgetLine? from = null;
        if (proposal?.FromLineId is { } fromId)
        {
            from = await db.BudgetLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == fromId, cancellationToken);
            if (from is null)
            {
                errors["fromLineId"] = ["调出的预算科目不存在。"];
            }
        }

        var sources = await db.FundingSourceTypes.AsNoTracking().Select(s => s.Code).ToListAsync(cancellationToken);
        var today = time.CountyToday();
        if (proposal?.Year is not { } year || year < today.Year - 1 || year > today.Year + 1)
        {
            errors["year"] = [$"预算年度应为 {today.Year - 1}–{today.Year + 1}。"];
        }

        if (!sources.Contains(proposal?.SourceType ?? ""))
        {
            errors["sourceType"] = [$"资金来源应为：{string.Join("、", sources)}。"];
        }

        if (proposal?.ProjectCode is not { } project || !Codes.IsValid(project))
        {
            errors["projectCode"] = ["购买项目编号由字母、数字和连字符组成（2–40 位），如 HS-2026-01。"];
        }

        if (county.Value.FindTownship(proposal?.TownshipCode) is null)
        {
            errors["townshipCode"] = ["请填写本县的乡镇代码。"];
        }

        if (proposal?.ItemCode is { Length: > 0 } item && !Codes.IsValid(item))
        {
            errors["itemCode"] = ["服务事项编码有误。"];
        }

        if (Money.Problem(proposal?.Amount) is { } moneyProblem)
        {
            errors["amount"] = [moneyProblem];
        }
        else if (from is not null && from.Available < proposal!.Amount)
        {
            errors["amount"] = [$"调出科目可用余额只有 {from.Available:0.00} 元。"];
        }

        if (string.IsNullOrWhiteSpace(proposal?.Reason) || proposal.Reason.Length > 1000)
        {
            errors["reason"] = ["请写明依据或理由（不超过 1000 字）。"];
        }

        if (errors.Count == 0 && from is not null && (from.Year != proposal!.Year || from.SourceType != proposal.SourceType))
        {
            errors["fromLineId"] = ["只能在同一年度、同一资金来源的科目之间调剂。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "预算申请有误");
        }

        var target = new BudgetKey(proposal!.Year!.Value, proposal.SourceType!, proposal.ProjectCode!, proposal.TownshipCode!, proposal.ItemCode ?? "");
        var request = AllocationRequest.Propose(from is null ? AllocationKind.Allocation : AllocationKind.Reallocation, target, from?.Id,
            proposal.Amount!.Value, proposal.Reason!.Trim(), user.Id, time.GetUtcNow());
        db.AllocationRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/funding/allocations/{request.Id}", View(request));
    }

    public static async Task<Results<Ok<AllocationResponse>, NotFound, ProblemHttpResult>> Approve(
        Guid id, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.AllocationRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            request.Approve(user.Id, time.GetUtcNow());
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        var target = request.Target;
        var line = await db.BudgetLines.IgnoreQueryFilters().FirstOrDefaultAsync(l => l.Year == target.Year && l.SourceType == target.SourceType
            && l.ProjectCode == target.ProjectCode && l.TownshipCode == target.TownshipCode && l.ItemCode == target.ItemCode, cancellationToken);
        if (line is null)
        {
            line = BudgetLine.Open(target, time.GetUtcNow());
            db.BudgetLines.Add(line);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "另一项审批刚刚完成，请刷新后重试。");
            }
        }

        var postings = request.FromLineId is { } from ? Postings.Reallocation(from, line.Id, request.Amount) : Postings.Allocation(line.Id, request.Amount);
        var kind = request.FromLineId is null ? MovementKind.Allocation : MovementKind.Reallocation;
        if (!await FundingLedger.PostAsync(db, postings, kind, $"allocation:{request.Id}", user.Id, time, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "调出科目的可用余额已不足，不能调剂。");
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(View(request));
    }

    public static async Task<Results<Ok<AllocationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, DecisionRequest? decision, FundingDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await db.AllocationRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(decision?.Reason) || decision.Reason.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请写明不予同意的理由。"] }, title: "审批有误");
        }

        try
        {
            request.Reject(user.Id, time.GetUtcNow(), decision.Reason.Trim());
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(request));
    }

    internal static BudgetLineResponse View(BudgetLine l) =>
        new(l.Id, l.Year, l.SourceType, l.ProjectCode, l.TownshipCode, l.ItemCode, l.Allocated, l.Committed, l.Spent, l.Available);

    private static AllocationResponse View(AllocationRequest r) =>
        new(r.Id, r.Kind, r.Target, r.FromLineId, r.Amount, r.Reason, r.Status, r.ProposedBy, r.ProposedAt, r.DecidedBy, r.RejectionReason);
}
