using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

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
        string? month, string? projectCode, FundingDbContext db, IOptions<SupervisionOptions> options, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (ParseMonth(month, time) is not { } first)
        {
            return MonthProblem();
        }

        var (facts, budgets) = await LoadAsync(db, first, projectCode, cancellationToken);
        var rate = options.Value.VolunteerHourRate;
        var rows = Enum.GetValues<KpiDimension>().ToDictionary(d => d, d => KpiCalculator.Compute(facts, first, d, budgets[d], rate));
        var projectNames = await db.PurchaseProjects.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, StringComparer.Ordinal, cancellationToken);
        using var stream = new MemoryStream();
        CountyWorkbook.Write(stream, new WorkbookHeading($"{county.Value.Name}民政局", time.CountyToday()),
            KpiReportWorkbook.Sheets(county.Value, first, projectCode, rows, projectNames));
        var name = $"监管指标-{first:yyyy-MM}{(projectCode is null ? "" : "-" + projectCode)}.xlsx";
        return TypedResults.File(stream.ToArray(), CountyWorkbook.ContentType, name);
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
