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

public sealed record MonthlyKpiResponse(string From, string To, string? ProjectCode, string? TownshipCode, IReadOnlyList<MonthlyKpiRow> Months);

/// <summary>A month's KPI rows by month, dimension and project, computed once per state of their facts (<see cref="FreshFigures{TKey, TFigures}"/>).</summary>
public sealed class KpiFigures : FreshFigures<(DateOnly Month, KpiDimension By, string? ProjectCode), IReadOnlyList<KpiRow>>;

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
        group.MapGet("/months", GetMonthlyKpis).WithName("GetMonthlyKpis")
            .WithSummary("KPIs by month for a period, for trends (?from=yyyy-MM&to=yyyy-MM&projectCode=&townshipCode=; the last 12 months by default, at most 24)");
        group.MapGet("/report", GetReport).Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").WithName("GetKpiReport").WithSummary("The month's KPI report as xlsx (?month=yyyy-MM&projectCode=)");
        return app;
    }

    public static async Task<Results<Ok<KpiResponse>, ValidationProblem>> GetKpis(
        string? month, KpiDimension? by, string? projectCode, FundingDbContext db, DbContextOptions<FundingDbContext> dbOptions, KpiFigures figures,
        IOptions<SupervisionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseMonth(month, time) is not { } first)
        {
            return MonthProblem();
        }

        var dimension = by ?? KpiDimension.Township;
        var rate = options.Value.VolunteerHourRate;
        // A dashboard asks for six months at once, and its readers open it together: each month's figures are computed once per
        // state of the facts and budget lines they come from (readers are county-wide, so the figures are the same for each).
        var rows = await figures.GetAsync((first, dimension, projectCode), await KpiVersionAsync(db, first.Year, cancellationToken), async () =>
        {
            await using var own = new FundingDbContext(dbOptions);
            var (facts, budgets) = await LoadAsync(own, first, projectCode, CancellationToken.None);
            return KpiCalculator.Compute(facts, first, dimension, budgets[dimension], rate);
        }, cancellationToken);
        return TypedResults.Ok(new KpiResponse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), dimension, projectCode, rows));
    }

    /// <summary>
    /// The state of what a month's KPIs are computed from: how many facts there are (they are only ever added) and every budget
    /// line of the year as it stands (its allocation and spend). Two reads with the same answer saw the same data.
    /// </summary>
    private static Task<string> KpiVersionAsync(FundingDbContext db, int year, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<string>($"""
            SELECT (SELECT count(*) FROM supervision_facts)::text || '/' || coalesce(
              (SELECT md5(string_agg("Id"::text || ':' || "Allocated"::text || ':' || "Spent"::text, ',' ORDER BY "Id")) FROM budget_lines WHERE "Year" = {year}), '')
              AS "Value"
            """).SingleAsync(cancellationToken);

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

    /// <summary>
    /// Services delivered and confirmed, the confirmed rate, satisfaction and spend month by month — migrated services in the
    /// months they happened — counted in the database (a year of a county's facts is never loaded whole).
    /// </summary>
    public static async Task<Results<Ok<MonthlyKpiResponse>, ValidationProblem>> GetMonthlyKpis(
        string? from, string? to, string? projectCode, string? townshipCode, FundingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var last = ParseMonth(to, time);
        if (last is null)
        {
            errors["to"] = ["截止月份格式为 yyyy-MM，如 2026-11。"];
        }

        var first = from is null ? last?.AddMonths(-11) : ParseMonth(from, time);
        if (first is null && from is not null)
        {
            errors["from"] = ["起始月份格式为 yyyy-MM，如 2025-12。"];
        }
        else if (first > last)
        {
            errors["from"] = ["起始月份不能晚于截止月份。"];
        }
        else if (first < last?.AddMonths(1 - MonthlyKpis.MaxMonths))
        {
            errors["from"] = [$"一次最多查询 {MonthlyKpis.MaxMonths} 个月。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "查询条件有误");
        }

        var (start, end) = (first!.Value, last!.Value);
        var facts = db.SupervisionFacts.AsNoTracking().Where(f => f.Month >= start && f.Month <= end);
        facts = projectCode is null ? facts : facts.Where(f => f.ProjectCode == projectCode);
        facts = townshipCode is null ? facts : facts.Where(f => f.TownshipCode == townshipCode);
        var figures = (await facts
                .Where(f => f.Kind == FactKind.OrderCreated || f.Kind == FactKind.Delivered || f.Kind == FactKind.Confirmed || f.Kind == FactKind.Paid)
                .GroupBy(f => new { f.Month, f.Kind })
                .Select(g => new
                {
                    g.Key.Month,
                    g.Key.Kind,
                    Count = g.Count(),
                    Amount = g.Sum(f => f.Amount ?? 0m),
                    ScoreSum = g.Sum(f => f.Satisfaction ?? 0),
                    Scored = g.Count(f => f.Satisfaction != null),
                    Satisfied = g.Count(f => f.Satisfaction >= 4),
                    Migrated = g.Count(f => f.Migrated),
                })
                .ToListAsync(cancellationToken))
            .ConvertAll(g => new MonthFigures(g.Month, g.Kind, g.Count, g.Amount, g.ScoreSum, g.Scored, g.Satisfied, g.Migrated));
        var confirmations = db.SupervisionFacts.Where(c => c.Kind == FactKind.Confirmed);
        var confirmedOfDelivered = await facts.Where(f => f.Kind == FactKind.Delivered && confirmations.Any(c => c.SubjectId == f.SubjectId))
            .GroupBy(f => f.Month).Select(g => new { Month = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Month, g => g.Count, cancellationToken);
        return TypedResults.Ok(new MonthlyKpiResponse(start.ToString("yyyy-MM", CultureInfo.InvariantCulture), end.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            projectCode, townshipCode, MonthlyKpis.Compute(figures, confirmedOfDelivered, start, end)));
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
