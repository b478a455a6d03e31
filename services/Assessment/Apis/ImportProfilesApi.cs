using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Columns">The file's header name → the registry field (its Chinese or JSON name).</param>
/// <param name="Values">Field → the file's word → the registry's (类别: 低保户 → 低保).</param>
public sealed record SaveImportProfileRequest(string? Name, Dictionary<string, string>? Columns, Dictionary<string, Dictionary<string, string>>? Values);

/// <param name="Columns">Header name → the field's Chinese name.</param>
public sealed record ImportProfileResponse(
    Guid Id, string Name, int Version, IReadOnlyDictionary<string, string> Columns, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? SupersededAt)
{
    public static ImportProfileResponse From(ImportProfile p) => new(
        p.Id, p.Name, p.Version, p.ColumnFields().ToDictionary(c => c.Key, c => c.Value.ChineseName()),
        p.ValueMaps().ToDictionary(v => v.Key.ChineseName(), v => v.Value), p.CreatedBy, p.CreatedAt, p.SupersededAt);
}

/// <param name="Field">The field's JSON name.</param>
/// <param name="Name">Its Chinese name, as a profile and the platform's CSV name it.</param>
/// <param name="Choices">For a coded field, the registry's words a file's words can be mapped to.</param>
public sealed record ImportFieldResponse(string Field, string Name, bool Required, IReadOnlyList<string>? Choices);

/// <summary>
/// Column-mapping profiles: how one source's files (the provincial platform's export, the disability federation's list)
/// are read — saved once, confirmed from a preview's suggestion, reused when a file with those headers arrives. Saving
/// under an existing name makes a new version; earlier versions stay, superseded, with the imports read by them.
/// </summary>
public static class ImportProfilesApi
{
    public static IEndpointRouteBuilder MapImportProfilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/import-profiles").WithTags("Imports")
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Supervisor));
        group.MapGet("/", ListAsync).WithName("ListImportProfiles").WithSummary("Column-mapping profiles, current versions (?all=true: every version)");
        group.MapGet("/fields", Fields).WithName("ListImportFields").WithSummary("The registry's fields a profile maps columns to, with the words of the coded ones");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetImportProfile").WithSummary("One profile version");
        group.MapGet("/{id:guid}/template", TemplateAsync).Produces<byte[]>(StatusCodes.Status200OK, CountyWorkbook.ContentType)
            .WithName("GetImportProfileTemplate").WithSummary("A blank workbook in the profile's format: its headers, drop-down lists for coded columns, an example row");
        group.MapPost("/", SaveAsync)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker).RequireAssertion(c => !new CurrentUser(c.User).IsReadOnly))
            .WithName("SaveImportProfile").WithSummary("Save a profile (a new version when the name exists); audited");
        return app;
    }

    public static async Task<Ok<List<ImportProfileResponse>>> ListAsync(bool? all, AssessmentDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.ImportProfiles.AsNoTracking().Where(p => all == true || p.SupersededAt == null)
            .OrderBy(p => p.Name).ThenByDescending(p => p.Version).ToListAsync(cancellationToken)).ConvertAll(ImportProfileResponse.From));

    public static Ok<List<ImportFieldResponse>> Fields(IOptions<CountyOptions> county) =>
        TypedResults.Ok(Enum.GetValues<MonitoringField>().Select(f => new ImportFieldResponse(
            f.JsonName(), f.ChineseName(), MonitoringFields.Required.Contains(f), Choices(f, new Dictionary<MonitoringField, IReadOnlyDictionary<string, string>>(), county.Value))).ToList());

    public static async Task<Results<Ok<ImportProfileResponse>, NotFound>> GetAsync(Guid id, AssessmentDbContext db, CancellationToken cancellationToken) =>
        await db.ImportProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } profile
            ? TypedResults.Ok(ImportProfileResponse.From(profile))
            : TypedResults.NotFound();

    public static async Task<Results<Created<ImportProfileResponse>, ValidationProblem>> SaveAsync(
        SaveImportProfileRequest request, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ImportProfile.MaxNameLength)
        {
            errors["name"] = [$"请填写方案名称（不超过{ImportProfile.MaxNameLength}个字），如“省监测平台导出·2026版”“残联名单”。"];
        }

        var columns = new Dictionary<string, MonitoringField>();
        foreach (var (header, fieldName) in request.Columns ?? [])
        {
            var key = $"columns.{header}";
            if (ImportMapping.HeaderName(header) is not { } clean || clean.Length > 100)
            {
                errors[key] = ["列名不能为空，且不超过100个字。"];
            }
            else if (!MonitoringFields.ByHeader.TryGetValue(fieldName?.Trim() ?? "", out var field))
            {
                errors[key] = [$"“{fieldName}”不是登记簿的字段；可选：{string.Join("、", Enum.GetValues<MonitoringField>().Select(f => f.ChineseName()))}。"];
            }
            else if (columns.FirstOrDefault(c => c.Value == field).Key is { } other)
            {
                errors[key] = [$"“{field.ChineseName()}”已由列“{other}”提供，一个字段只能对应一列。"];
            }
            else
            {
                columns[clean] = field;
            }
        }

        var missing = MonitoringFields.Required.Where(f => !columns.ContainsValue(f)).Select(f => f.ChineseName()).ToList();
        if (missing.Count > 0 && !errors.Keys.Any(k => k.StartsWith("columns.", StringComparison.Ordinal)))
        {
            errors["columns"] = [$"还缺少这些必需字段对应的列：{string.Join("、", missing)}。"];
        }

        var values = new Dictionary<MonitoringField, IReadOnlyDictionary<string, string>>();
        foreach (var (fieldName, words) in request.Values ?? [])
        {
            if (!MonitoringFields.ByHeader.TryGetValue(fieldName.Trim(), out var field))
            {
                errors[$"values.{fieldName}"] = [$"“{fieldName}”不是登记簿的字段。"];
                continue;
            }

            foreach (var (from, to) in words)
            {
                if (Problem(field, to) is { } problem)
                {
                    errors[$"values.{fieldName}.{from}"] = [problem];
                }
            }

            values[field] = words.Where(w => !string.IsNullOrWhiteSpace(w.Key)).ToDictionary(w => w.Key.Trim(), w => w.Value.Trim());
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "导入方案有误");
        }

        var earlier = await db.ImportProfiles.Where(p => p.Name == name).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        earlier.ForEach(p => p.Supersede(now));
        var profile = ImportProfile.Save(Guid.CreateVersion7(now), name!, earlier.Count == 0 ? 1 : earlier.Max(p => p.Version) + 1, columns, values, user.Id, now);
        db.ImportProfiles.Add(profile);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "import.profile.save", $"import-profile:{profile.Id}", $"version={profile.Version};columns={columns.Count}", cancellationToken);
        return TypedResults.Created($"/api/assessment/import-profiles/{profile.Id}", ImportProfileResponse.From(profile));
    }

    /// <summary>Why the registry cannot take <paramref name="word"/> for a coded field; null when it can (or the field is free text).</summary>
    private static string? Problem(MonitoringField field, string? word) => field switch
    {
        _ when string.IsNullOrWhiteSpace(word) => "对应的值不能为空。",
        MonitoringField.Category when !HouseholdCategoryNames.TryParse(word, out _) =>
            $"“{word}”不是登记簿的类别；可选：{string.Join("、", Enum.GetValues<HouseholdCategory>().Select(c => c.ChineseName()))}。",
        MonitoringField.Relationship when !ChineseNames.TryParse(word, out Relationship _) =>
            $"“{word}”不是登记簿的与户主关系；可选：{string.Join("、", Enum.GetValues<Relationship>().Select(r => r.ChineseName()))}。",
        MonitoringField.LivingAlone or MonitoringField.HasEffectiveGuardian when word is not ("是" or "否") => "应对应为“是”或“否”。",
        MonitoringField.DisabilityGrade when word is not ("1" or "2" or "3" or "4") => "残疾等级应对应为1到4。",
        MonitoringField.EmploymentStatus when !ChineseNames.TryParse(word, out EmploymentStatus _) => ChineseNames.EmploymentStatusProblem,
        _ => null,
    };

    public static async Task<Results<FileStreamHttpResult, NotFound>> TemplateAsync(
        Guid id, AssessmentDbContext db, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.ImportProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } profile)
        {
            return TypedResults.NotFound();
        }

        var values = profile.ValueMaps();
        var columns = profile.ColumnFields().OrderBy(c => c.Value).Select(c => new WorkbookColumn(c.Key, CellKind.Text, Choices(c.Value, values, county.Value))).ToList();
        var example = profile.ColumnFields().OrderBy(c => c.Value).Select(c => (object?)Example(c.Value, county.Value)).ToList();
        var sheet = new WorkbookSheet(profile.Name, $"{county.Value.Name}{profile.Name}（填写模板，第{profile.Version}版）", columns, [example]);
        return TypedResults.File(
            CountyWorkbook.WriteToTemporaryFile(new WorkbookHeading($"{county.Value.Name}民政局", time.CountyToday()), sheet),
            CountyWorkbook.ContentType, $"import-template-{profile.Version}.xlsx");
    }

    /// <summary>A coded column's drop-down: the file's own words where the profile maps them, else the registry's.</summary>
    private static IReadOnlyList<string>? Choices(MonitoringField field, IReadOnlyDictionary<MonitoringField, IReadOnlyDictionary<string, string>> values, CountyOptions county)
    {
        IReadOnlyList<string>? registry = field switch
        {
            MonitoringField.Category => [.. Enum.GetValues<HouseholdCategory>().Select(c => c.ChineseName())],
            MonitoringField.Relationship => [.. Enum.GetValues<Relationship>().Select(r => r.ChineseName())],
            MonitoringField.TownshipCode => [.. county.Townships.Select(t => t.Name)],
            MonitoringField.LivingAlone or MonitoringField.HasEffectiveGuardian => ["是", "否"],
            MonitoringField.DisabilityGrade => ["1", "2", "3", "4"],
            MonitoringField.DisabilityType => [.. Enum.GetValues<DisabilityType>().Select(d => d.ChineseName())],
            MonitoringField.EmploymentStatus => [.. Enum.GetValues<EmploymentStatus>().Select(e => e.ChineseName())],
            _ => null,
        };
        return registry is null ? null : values.TryGetValue(field, out var words) && words.Count > 0 ? [.. words.Keys.Union(registry)] : registry;
    }

    /// <summary>The example row: made up, marked 示例 where the registry would otherwise take it (an example row is refused, never imported).</summary>
    private static string? Example(MonitoringField field, CountyOptions county) => field switch
    {
        MonitoringField.HouseholdRef => "示例户001",
        MonitoringField.IdNumber => "（示例）18位身份证号",
        MonitoringField.Name => "张三（示例）",
        MonitoringField.Relationship => "户主",
        MonitoringField.TownshipCode => county.Townships.Count > 0 ? county.Townships[0].Name : null,
        MonitoringField.VillageCode => county.Townships.Count > 0 && county.Townships[0].Villages.Count > 0 ? county.Townships[0].Villages[0].Name : null,
        MonitoringField.Category => "低保",
        MonitoringField.MonthlyIncome => "650",
        MonitoringField.LivingAlone => "否",
        _ => null,
    };
}
