using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Contracts;
using ReliefPlatform.Funding.Domain.Projects;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record ContractItemRequest(string? ItemCode, decimal? UnitPrice, int? QuantityCap);

public sealed record ContractRequest(
    string? Number, int? Year, string? ProjectCode, string? ProviderId, IReadOnlyList<string>? Townships, DateOnly? From, DateOnly? Until,
    IReadOnlyList<ContractItemRequest>? Items);

public sealed record ContractResponse(
    Guid Id, string Number, int Year, string ProjectCode, string ProviderId, IReadOnlyList<string> Townships, DateOnly From, DateOnly Until,
    IReadOnlyList<ContractedItem> Items, decimal CeilingAmount, DateTimeOffset AwardedAt);

/// <summary>Purchase-of-services contracts (政府购买服务合同): awarded under a project, announced to Delivery as ContractAwarded.</summary>
public static class ContractsApi
{
    public static IEndpointRouteBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/contracts").WithTags("Contracts")
            .RequireAuthorization(policy => policy.RequireRole([.. BudgetsApi.Readers, ReliefRoles.Service]));

        group.MapGet("/", ListContracts).WithName("ListContracts").WithSummary("Contracts (?projectCode=&providerId=)");
        group.MapGet("/{id:guid}", GetContract).WithName("GetContract").WithSummary("A contract with its items, prices and caps");
        group.MapPost("/", AwardContract)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers))
            .WithName("AwardContract")
            .WithSummary("Record an awarded contract (audited); ContractAwarded lets Delivery match work to it");
        return app;
    }

    public static async Task<Ok<List<ContractResponse>>> ListContracts(
        string? projectCode, string? providerId, FundingDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var query = Visible(db, user);
        query = projectCode is null ? query : query.Where(c => c.ProjectCode == projectCode);
        query = providerId is null ? query : query.Where(c => c.ProviderId == providerId);
        return TypedResults.Ok((await query.OrderByDescending(c => c.AwardedAt).Take(500).ToListAsync(cancellationToken)).Select(View).ToList());
    }

    public static async Task<Results<Ok<ContractResponse>, NotFound>> GetContract(Guid id, FundingDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        await Visible(db, user).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } contract
            ? TypedResults.Ok(View(contract))
            : TypedResults.NotFound();

    public static async Task<Results<Created<ContractResponse>, ValidationProblem>> AwardContract(
        ContractRequest? request, FundingDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Check(request, county.Value);
        if (errors.Count == 0 && await db.PurchaseContracts.AnyAsync(c => c.Number == request!.Number, cancellationToken))
        {
            errors["number"] = ["该合同编号已登记。"];
        }

        var project = errors.Count == 0 ? await ProjectGate.FindAsync(db, request!.Year!.Value, request.ProjectCode!, cancellationToken) : null;
        if (errors.Count == 0 && project is not { MayAwardContracts: true })
        {
            errors["projectCode"] = [project switch
            {
                null => "该年度没有这个购买项目，须先申请立项并经审批。",
                { Stage: ProjectStage.Proposed } => "该购买项目尚未立项（立项申请待审批），不能签订合同。",
                _ => "该购买项目验收未通过或已结项，不能再签订合同。",
            }];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "合同信息有误");
        }

        var contract = PurchaseContract.Award(request!.Number!.Trim(), request.Year!.Value, request.ProjectCode!, request.ProviderId!.Trim(), request.Townships!,
            request.From!.Value, request.Until!.Value, request.Items!.Select(i => (i.ItemCode!, i.UnitPrice!.Value, i.QuantityCap!.Value)), user.Id, time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PurchaseContracts.Add(contract);
        db.AddIntegrationEvent(new ContractAwarded(contract.Id, contract.Number, contract.Year, contract.ProjectCode, contract.ProviderId,
            [.. contract.Items.Select(i => new ContractedItem(i.ItemCode, i.UnitPrice, i.QuantityCap))], contract.Townships, contract.From, contract.Until,
            contract.AwardedAt));
        await AuditTrail.AppendAsync(db, time, user.Id, "contract.award", $"contract:{contract.Id}",
            $"number={contract.Number}; ceiling={contract.CeilingAmount:0.00}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/funding/contracts/{contract.Id}", View(contract));
    }

    /// <summary>Township staff see the contracts that serve their township.</summary>
    private static IQueryable<PurchaseContract> Visible(FundingDbContext db, CurrentUser user)
    {
        var contracts = db.PurchaseContracts.AsNoTracking().Include(c => c.Items).AsQueryable();
        return user.WalledTownship is { } own ? contracts.Where(c => c.Townships.Contains(own)) : contracts;
    }

    internal static Dictionary<string, string[]> Check(ContractRequest? request, CountyOptions county)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["contract"] = ["请提供合同信息。"];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Number) || request.Number.Length > 60)
        {
            errors["number"] = ["请填写合同编号（不超过 60 字符）。"];
        }

        if (request.Year is not (>= 2020 and <= 2100) || request.ProjectCode is not { } project || !Codes.IsValid(project))
        {
            errors["projectCode"] = ["请填写预算年度和购买项目编号。"];
        }

        if (string.IsNullOrWhiteSpace(request.ProviderId) || request.ProviderId.Length > 64)
        {
            errors["providerId"] = ["请指定中标的服务主体。"];
        }

        if (request.Townships is not { Count: > 0 } townships || townships.Any(t => county.FindTownship(t) is null))
        {
            errors["townships"] = ["请列出本县的服务乡镇。"];
        }

        if (request.From is not { } from || request.Until is not { } until || until < from)
        {
            errors["until"] = ["请填写合同期限，截止日期不能早于起始日期。"];
        }

        if (request.Items is not { Count: > 0 } items)
        {
            errors["items"] = ["合同至少包含一项服务。"];
            return errors;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]?.ItemCode is not { } code || !Codes.IsValid(code))
            {
                errors[$"items[{i}].itemCode"] = ["请填写服务事项编码。"];
            }
            else if (items.Take(i).Any(earlier => earlier?.ItemCode == code))
            {
                errors[$"items[{i}].itemCode"] = [$"服务事项“{code}”重复列出。"];
            }

            if (Money.Problem(items[i]?.UnitPrice) is { } problem)
            {
                errors[$"items[{i}].unitPrice"] = [problem];
            }

            if (items[i]?.QuantityCap is not (>= 1 and <= 1_000_000))
            {
                errors[$"items[{i}].quantityCap"] = ["数量上限为 1–1000000。"];
            }
        }

        return errors;
    }

    private static ContractResponse View(PurchaseContract c) => new(
        c.Id, c.Number, c.Year, c.ProjectCode, c.ProviderId, c.Townships, c.From, c.Until,
        [.. c.Items.Select(i => new ContractedItem(i.ItemCode, i.UnitPrice, i.QuantityCap))], c.CeilingAmount, c.AwardedAt);
}
