using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Funding.Apis;

public sealed record KpiResponse(string Month, KpiDimension By, string? ProjectCode, IReadOnlyList<KpiRow> Rows);

/// <summary>
/// Supervision KPIs (监管指标) by township, item, provider or project for a month, computed from the facts recorded
/// from the hub's events, for dashboards; and the month's report as xlsx (one sheet per dimension), optionally for one project.
/// </summary>
public static class KpisApi
{
    private static readonly string[] Readers = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Finance, ReliefRoles.Supervisor];

    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/kpis").WithTags("Supervision KPIs").RequireAuthorization(policy => policy.RequireRole(Readers));
        group.MapGet("/", GetKpis).WithName("GetKpis").WithSummary("KPIs for a month (?month=yyyy-MM&by=Township|Item|Provider|Project&projectCode=)");
        group.MapGet("/report", GetReport).Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").WithName("GetKpiReport").WithSummary("The month's KPI report as xlsx (?month=yyyy-MM&projectCode=)");
        return app;
    }

    public static async Task<Results<Ok<KpiResponse>, ValidationProblem>> GetKpis(
        string? month, KpiDimension? by, string? projectCode, FundingDbContext db, IOptions<SupervisionOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (ParseMonth(month, time) is not { } first)
        {
            return MonthProblem();
        }

        var dimension = by ?? KpiDimension.Township;
        var (facts, budgets) = await LoadAsync(db, first, projectCode, cancellationToken);
        return TypedResults.Ok(new KpiResponse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), dimension, projectCode,
            KpiCalculator.Compute(facts, first, dimension, budgets[dimension], options.Value.VolunteerHourRate)));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> GetReport(
        string? month, string? projectCode, FundingDbContext db, IOptions<SupervisionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseMonth(month, time) is not { } first)
        {
            return MonthProblem();
        }

        var (facts, budgets) = await LoadAsync(db, first, projectCode, cancellationToken);
        var rate = options.Value.VolunteerHourRate;
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["乡镇"] = Sheet(KpiCalculator.Compute(facts, first, KpiDimension.Township, budgets[KpiDimension.Township], rate), "乡镇代码"),
            ["服务项目"] = Sheet(KpiCalculator.Compute(facts, first, KpiDimension.Item, budgets[KpiDimension.Item], rate), "服务项目编码"),
            ["服务机构"] = Sheet(KpiCalculator.Compute(facts, first, KpiDimension.Provider, budgets[KpiDimension.Provider], rate), "服务机构"),
            ["购买项目"] = Sheet(KpiCalculator.Compute(facts, first, KpiDimension.Project, budgets[KpiDimension.Project], rate), "项目编号"),
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        var name = $"监管指标-{first:yyyy-MM}{(projectCode is null ? "" : "-" + projectCode)}.xlsx";
        return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<(List<SupervisionFact> Facts, Dictionary<KpiDimension, IReadOnlyDictionary<string, BudgetFigures>> Budgets)> LoadAsync(
        FundingDbContext db, DateOnly month, string? projectCode, CancellationToken cancellationToken)
    {
        // Facts of the month, and the earlier household facts that coverage and first services look back on.
        var facts = await db.SupervisionFacts.AsNoTracking()
            .Where(f => f.Month == month || (f.Month < month
                && (f.Kind == FactKind.NeedsIdentified || f.Kind == FactKind.OrderCreated || f.Kind == FactKind.OrderCancelled || f.Kind == FactKind.NeedUnmet
                    || f.Kind == FactKind.FundsRejected)))
            .ToListAsync(cancellationToken);
        var lines = db.BudgetLines.AsNoTracking().Where(l => l.Year == month.Year);
        if (projectCode is not null)
        {
            // A project's report: its own orders and money; household measures stay those of the townships it serves.
            facts = [.. facts.Where(f => f.ProjectCode == projectCode
                || f.Kind is FactKind.Assessed or FactKind.NeedsIdentified or FactKind.NeedUnmet or FactKind.FundsRejected or FactKind.ComplaintRaised or FactKind.ComplaintClosed)];
            lines = lines.Where(l => l.ProjectCode == projectCode);
        }

        var budgetLines = await lines.Select(l => new { l.TownshipCode, l.ItemCode, l.ProjectCode, l.Allocated, l.Spent }).ToListAsync(cancellationToken);
        IReadOnlyDictionary<string, BudgetFigures> By(Func<string, string, string, string> key) => budgetLines
            .GroupBy(l => key(l.TownshipCode, l.ItemCode, l.ProjectCode)).Where(g => g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => new BudgetFigures(g.Sum(l => l.Allocated), g.Sum(l => l.Spent)), StringComparer.Ordinal);
        return (facts, new Dictionary<KpiDimension, IReadOnlyDictionary<string, BudgetFigures>>
        {
            [KpiDimension.Township] = By((township, _, _) => township),
            [KpiDimension.Item] = By((_, item, _) => item),
            [KpiDimension.Provider] = new Dictionary<string, BudgetFigures>(StringComparer.Ordinal),
            [KpiDimension.Project] = By((_, _, project) => project),
        });
    }

    private static List<Dictionary<string, object?>> Sheet(IReadOnlyList<KpiRow> rows, string keyName) => rows.Select(r => new Dictionary<string, object?>
    {
        [keyName] = r.Key,
        ["评估户数"] = r.HouseholdsAssessed,
        ["有需求户数"] = r.HouseholdsWithNeeds,
        ["已服务户数"] = r.HouseholdsServed,
        ["覆盖率"] = r.Coverage,
        ["需求到首次服务天数"] = r.DaysNeedToFirstService,
        ["未满足需求"] = r.UnmetNeeds,
        ["派发工单"] = r.OrdersCreated,
        ["已服务"] = r.ServicesDelivered,
        ["时长不足"] = r.FlaggedShort,
        ["记录不全"] = r.RecordsIncomplete,
        ["已确认"] = r.ServicesConfirmed,
        ["满意度均值"] = r.SatisfactionMean,
        ["满意（4分及以上）占比"] = r.SatisfiedShare,
        ["投诉"] = r.Complaints,
        ["办结投诉"] = r.ComplaintsClosed,
        ["平均办结天数"] = r.ResolutionDaysMean,
        ["本月预留（元）"] = r.CommittedThisMonth,
        ["本月确认服务金额（元）"] = r.ConfirmedThisMonth,
        ["本月拨付支出（元）"] = r.PaidThisMonth,
        ["预算（元）"] = r.Budget,
        ["累计支出（元）"] = r.SpentToDate,
        ["预算执行率"] = r.SpendRate,
        ["无偿服务小时"] = r.FreeServiceHours,
        ["无偿服务折算（元）"] = r.FreeServiceValue,
    }).ToList();

    private static DateOnly? ParseMonth(string? month, TimeProvider time)
    {
        if (month is null)
        {
            var today = time.CountyToday();
            return new DateOnly(today.Year, today.Month, 1);
        }

        return DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first : null;
    }

    private static ValidationProblem MonthProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["月份格式为 yyyy-MM，如 2026-11。"] }, title: "查询条件有误");
}
