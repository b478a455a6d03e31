using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Domain;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>The needs ledger (需求台账): one row per household with its current assessment — filter, page, count, export.</summary>
public static class NeedsLedgerApi
{
    private const int MaxPageSize = 200;
    private const int DueWithinDays = 30;
    public const int MaxExportRows = 200_000;
    public const int MaxCounted = 10_000;

    public static IEndpointRouteBuilder MapNeedsLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/ledger").WithTags("Needs ledger")
            .RequireAuthorization(policy => policy.RequireRole(HouseholdsApi.RegistryRoles));

        group.MapGet("/", ListLedger).WithName("ListLedger").WithSummary("Ledger rows, filtered, sorted and paged; identities masked");
        group.MapGet("/summary", SummariseLedger).WithName("SummariseLedger").WithSummary("Counts by township, degree and difficulty type");
        group.MapGet("/export", ExportLedger).Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").ProducesProblem(StatusCodes.Status403Forbidden).WithName("ExportLedger")
            .WithSummary("The filtered ledger as csv (codes, for other systems) or xlsx (the titled 台账 for printing and filing); unmask=true (audited, with a reason) for callers who may see full identities");
        return app;
    }

    public static async Task<Results<Ok<LedgerPage>, ValidationProblem>> ListLedger(
        [AsParameters] LedgerFilter filter, AssessmentDbContext db, TimeProvider time, IOptions<CountyOptions> county, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        if (!TryQuery(db, filter, county.Value, today, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "台账筛选条件有误");
        }

        var size = Math.Clamp(filter.PageSize ?? 50, 1, MaxPageSize);
        var page = Math.Max(filter.Page ?? 1, 1);
        // Counting stops at MaxCounted: past that a list is narrowed by filters, not paged through, and an exact
        // count of a county-wide filter would cost more than the page itself.
        var counted = await query.Take(MaxCounted + 1).CountAsync(cancellationToken);
        // Ids first, from the covering ledger indexes; then only the page's rows.
        var ids = counted <= (page - 1) * size
            ? []
            : await Sorted(query, filter.Sort).Skip((page - 1) * size).Take(size).Select(h => h.Id).ToListAsync(cancellationToken);
        var rows = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
        var households = ids.Where(rows.ContainsKey).Select(id => Row(rows[id], today, null)).ToList();
        return TypedResults.Ok(new LedgerPage(households, page, size, Math.Min(counted, MaxCounted), counted > MaxCounted));
    }

    public static async Task<Results<Ok<LedgerSummary>, ValidationProblem>> SummariseLedger(
        [AsParameters] LedgerFilter filter, AssessmentDbContext db, TimeProvider time, IOptions<CountyOptions> county, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        if (!TryQuery(db, filter, county.Value, today, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "台账筛选条件有误");
        }

        var byTownship = await query.GroupBy(h => h.TownshipCode).Select(g => new LedgerCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byDegree = await query.Where(h => h.Degree != null).GroupBy(h => h.Degree).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byType = await query.SelectMany(h => h.DifficultyTypes).GroupBy(t => t).Select(g => new LedgerCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var overdue = await query.CountAsync(h => h.ReassessmentDueOn < today, cancellationToken);
        return TypedResults.Ok(new LedgerSummary(
            byTownship.Sum(c => c.Households),
            byDegree.Sum(c => c.Count),
            overdue,
            [.. byTownship.OrderBy(c => c.Key, StringComparer.Ordinal)],
            byDegree.ConvertAll(c => new LedgerCount(c.Key!.Value.ToString(), c.Count)),
            [.. byType.OrderByDescending(c => c.Households)]));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportLedger(
        [AsParameters] LedgerFilter filter, string? format, bool? unmask, string? reason, AssessmentDbContext db, CurrentUser user,
        PersonalDataProtector protector, TimeProvider time, IOptions<CountyOptions> county, InstrumentCatalog instruments, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        if (!TryQuery(db, filter, county.Value, today, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "台账筛选条件有误");
        }

        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !xlsx && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["导出格式应为 csv 或 xlsx。"] }, title: "导出参数有误");
        }

        if (unmask == true)
        {
            if (!user.MayUnmaskPersonalData)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "您的角色不能导出完整的身份信息。");
            }

            if (reason is null || !HouseholdIdentitiesApi.Reasons.ContainsKey(reason))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["reason"] = ["导出完整身份信息须选择原因：" + string.Join("、", HouseholdIdentitiesApi.Reasons.Keys) + "。"] },
                    title: "导出参数有误");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AuditTrail.AppendAsync(db, time, user.Id, "personal-data.unmask-export", "ledger", $"reason={reason};{Describe(filter)}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var rows = Sorted(query, filter.Sort).Take(MaxExportRows).Select(h => new
        {
            Household = h,
            HeadName = unmask == true ? h.Members.Where(m => m.Relationship == Relationship.Head).Select(m => m.ProtectedName).FirstOrDefault() : null,
            HeadId = unmask == true ? h.Members.Where(m => m.Relationship == Relationship.Head).Select(m => m.ProtectedIdNumber).FirstOrDefault() : null,
        }).AsAsyncEnumerable();

        if (xlsx)
        {
            var workbook = new NeedsLedgerWorkbook(county.Value, await instruments.CurrentAsync(db, cancellationToken));
            var sheet = new List<IReadOnlyList<object?>>();
            await foreach (var r in rows.WithCancellation(cancellationToken))
            {
                sheet.Add(workbook.Row(r.Household, today, r.HeadId is null ? null : (
                    protector.Unprotect(r.HeadName!, ProtectedIdentity.NamePurpose), protector.Unprotect(r.HeadId, ProtectedIdentity.IdNumberPurpose))));
            }

            var unmasked = unmask == true;
            return TypedResults.File(
                CountyWorkbook.WriteToTemporaryFile(
                    NeedsLedgerWorkbook.Heading(county.Value.Name, today, unmasked ? user.Name : null),
                    new WorkbookSheet("需求台账", NeedsLedgerWorkbook.Title(county.Value.Name, today, unmasked), NeedsLedgerWorkbook.Columns, sheet)),
                CountyWorkbook.ContentType, $"needs-ledger-{today:yyyyMMdd}.xlsx");
        }

        // Written to a temporary file that deletes itself, so a large export never sits in memory.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await WriteCsvAsync(file, rows.Select(r => Row(r.Household, today, r.HeadId is null ? null : (
            protector.Unprotect(r.HeadName!, ProtectedIdentity.NamePurpose), protector.Unprotect(r.HeadId, ProtectedIdentity.IdNumberPurpose)))), cancellationToken);
        file.Position = 0;
        return TypedResults.File(file, "text/csv; charset=utf-8", $"needs-ledger-{today:yyyyMMdd}.csv");
    }

    private static async Task WriteCsvAsync(Stream file, IAsyncEnumerable<LedgerRow> rows, CancellationToken cancellationToken)
    {
        // UTF-8 with a byte-order mark, so Excel on a county office PC shows the Chinese correctly.
        await using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        var header = true;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var columns = Columns(row);
            if (header)
            {
                await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(c.Header))));
                header = false;
            }

            await writer.WriteLineAsync(string.Join(',', columns.Select(c => Csv.Escape(c.Value))));
        }

        if (header)
        {
            await writer.WriteLineAsync(string.Join(',', Columns(null).Select(c => Csv.Escape(c.Header))));
        }
    }

    private static List<(string Header, string Value)> Columns(LedgerRow? row) =>
    [
        ("家庭编号", row?.HouseholdId.ToString() ?? ""),
        ("乡镇代码", row?.TownshipCode ?? ""),
        ("村（社区）代码", row?.VillageCode ?? ""),
        ("类别", row?.CategoryName ?? ""),
        ("状态", row is null ? "" : row.Status == nameof(HouseholdStatus.Active) ? "在册" : "已退出"),
        ("人口数", row?.MemberCount.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("户主", row?.HeadName ?? ""),
        ("户主身份证号", row?.HeadIdNumber ?? ""),
        ("困境程度", row?.DegreeName ?? ""),
        ("困境类型", row is null ? "" : string.Join(';', row.DifficultyTypes)),
        ("服务需求", row is null ? "" : string.Join(';', row.NeedCodes)),
        ("评估日期", row?.AssessedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
        ("复评到期", row?.ReassessmentDueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
        ("复评逾期", row is null ? "" : row.ReassessmentOverdue ? "是" : "否"),
    ];

    private static LedgerRow Row(Household h, DateOnly today, (string Name, string IdNumber)? unmasked) => new(
        h.Id, h.TownshipCode, h.VillageCode, h.Category.ToString(), h.Category.ChineseName(), h.Status.ToString(), h.MemberCount,
        unmasked?.Name ?? h.HeadMaskedName, unmasked?.IdNumber ?? h.HeadMaskedIdNumber,
        h.Degree?.ToString(), h.Degree?.ChineseName(), h.DifficultyTypes, h.NeedCodes, h.AssessedOn, h.ReassessmentDueOn,
        h.ReassessmentDueOn < today, h.RegisteredAt);

    private static bool TryQuery(
        AssessmentDbContext db, LedgerFilter filter, CountyOptions county, DateOnly today, out IQueryable<Household> query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        query = db.Households.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.TownshipCode))
        {
            query = query.Where(h => h.TownshipCode == filter.TownshipCode);
        }

        if (!string.IsNullOrEmpty(filter.VillageCode))
        {
            if (county.FindVillage(filter.VillageCode) is null)
            {
                errors["villageCode"] = [$"村（社区）代码“{filter.VillageCode}”不是{county.Name}的村（社区）。"];
            }

            // A village code begins with its township's: saying so lets the (township, village) index answer.
            var township = filter.VillageCode.Length >= 9 ? filter.VillageCode[..9] : filter.VillageCode;
            query = query.Where(h => h.TownshipCode == township && h.VillageCode == filter.VillageCode);
        }

        if (filter.Category is not null)
        {
            if (HouseholdCategoryNames.TryParse(filter.Category, out var category))
            {
                query = query.Where(h => h.Category == category);
            }
            else
            {
                errors["category"] = ["类别应为：低保、特困供养、低保边缘、刚性支出困难、防返贫监测对象、其他困难之一。"];
            }
        }

        if (filter.Degree is not null)
        {
            if (EnumCodes.TryParse<DifficultyDegree>(filter.Degree, ignoreCase: true, out var degree))
            {
                query = query.Where(h => h.Degree == degree);
            }
            else
            {
                errors["degree"] = ["困境程度应为 General（一般）、Serious（较重）或 Severe（严重）。"];
            }
        }

        if (!string.IsNullOrEmpty(filter.Type))
        {
            query = query.Where(h => h.DifficultyTypes.Contains(filter.Type));
            // Within one township the type's own keys say at once which households have it (or that none do).
            var township = filter.TownshipCode is { Length: > 0 } code ? code
                : filter.VillageCode is { Length: >= 9 } village ? village[..9]
                : db.TownshipWall;
            if (township is not null)
            {
                string[] keys = [AssessmentDbContext.LedgerTypeKey(township, filter.Type)];
                query = query.Where(h => keys.All(k => EF.Property<string[]>(h, AssessmentDbContext.LedgerTypeKeys).Contains(k)));
            }
        }

        if (!string.IsNullOrEmpty(filter.NeedCode))
        {
            query = query.Where(h => h.NeedCodes.Contains(filter.NeedCode));
        }

        if (filter.Status is not null)
        {
            if (EnumCodes.TryParse<HouseholdStatus>(filter.Status, ignoreCase: true, out var status))
            {
                query = query.Where(h => h.Status == status);
            }
            else
            {
                errors["status"] = ["状态应为 Active（在册）或 Exited（已退出）。"];
            }
        }

        switch (filter.Due?.ToLowerInvariant())
        {
            case null:
                break;
            case "overdue":
                query = query.Where(h => h.Status == HouseholdStatus.Active && h.ReassessmentDueOn < today);
                break;
            case "due":
                var horizon = today.AddDays(DueWithinDays);
                query = query.Where(h => h.Status == HouseholdStatus.Active && h.ReassessmentDueOn >= today && h.ReassessmentDueOn <= horizon);
                break;
            default:
                errors["due"] = ["复评筛选应为 due（30天内到期）或 overdue（已逾期）。"];
                break;
        }

        if (filter.Sort is not null and not ("registered" or "due" or "score"))
        {
            errors["sort"] = ["排序应为 registered、due 或 score。"];
        }

        return errors.Count == 0;
    }

    private static IQueryable<Household> Sorted(IQueryable<Household> query, string? sort) => sort switch
    {
        // Ascending order puts households never assessed (no due date) last.
        "due" => query.OrderBy(h => h.ReassessmentDueOn).ThenBy(h => h.Id),
        "score" => query.OrderByDescending(h => h.Degree).ThenByDescending(h => h.AssessedOn).ThenBy(h => h.Id),
        _ => query.OrderByDescending(h => h.RegisteredAt).ThenBy(h => h.Id),
    };

    private static string Describe(LedgerFilter f) =>
        $"township={f.TownshipCode};village={f.VillageCode};category={f.Category};degree={f.Degree};type={f.Type};need={f.NeedCode};status={f.Status};due={f.Due}";
}
