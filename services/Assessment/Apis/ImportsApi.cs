using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Assessment.Apis;

public sealed record ImportJobResponse(
    Guid Id,
    string FileName,
    string Format,
    string Encoding,
    string Status,
    long Bytes,
    decimal PercentDone,
    long LinesRead,
    long RowsValid,
    long RowsRejected,
    long RowsNew,
    long RowsChanged,
    long RowsUnchanged,
    long AlertsRaised,
    string? Error,
    string Sha256,
    string SourceSha256,
    Guid? ProfileId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? FinalFrom,
    DateTimeOffset? FileDeletedAt)
{
    /// <summary>On upload: earlier imports of this very file (not rolled back), newest first; empty when it is new.</summary>
    public IReadOnlyList<Guid>? SameFileAs { get; init; }

    /// <param name="rollbackWindow">How long after its end an import may be rolled back: from then on it is final and its file deleted.</param>
    public static ImportJobResponse From(ImportJob j, TimeSpan rollbackWindow) => new(
        j.Id, j.FileName, j.Format.ToString(), j.Encoding, j.Status.ToString(), j.Bytes, j.PercentDone, j.LinesRead, j.RowsValid, j.RowsRejected,
        j.RowsNew, j.RowsChanged, j.RowsUnchanged, j.AlertsRaised, j.Error, j.Sha256, j.SourceSha256, j.ProfileId, j.CreatedAt, j.StartedAt, j.FinishedAt,
        j.FinalFrom(rollbackWindow), j.FileDeletedAt);
}

/// <summary>
/// Dynamic-monitoring imports: upload a CSV (UTF-8 or GBK) or JSON-lines file, follow its progress, download its
/// row errors, cancel, resume or roll it back. County staff only — the monitoring feed is county-wide.
/// </summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/imports").WithTags("Imports")
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Supervisor));
        var write = new Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder>(policy =>
            policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker).RequireAssertion(c => !new CurrentUser(c.User).IsReadOnly));

        group.MapPost("/", UploadAsync).RequireAuthorization(write).DisableAntiforgery()
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("UploadImport")
            .WithSummary("Upload a monitoring file (body: the file; or multipart field 'file'); it is imported in the background")
            .WithDescription("Query: format=xlsx|xls|csv|jsonl (else from the file name or content type), encoding=utf-8|gbk (else detected; text files), fileName, sheet (a workbook's sheet by name or number; else its first visible one), profile (a saved column-mapping profile's id; a workbook whose header the standard names do not read is tried against the saved profiles). The answer's sameFileAs lists earlier imports of the very same file.");
        group.MapPost("/preview", ImportPreviewApi.PreviewAsync).RequireAuthorization(write).DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("PreviewImport")
            .WithSummary("Read a monitoring file without writing anything: its header and columns, the mapping (a saved profile, the standard names, or a suggestion), the first 50 rows with their errors, and counts of new/changed/unchanged/refused rows")
            .WithDescription("Same body and query as the upload. Names and ID numbers in the answer are masked.");
        group.MapGet("/", ListAsync).WithName("ListImports").WithSummary("Imports, newest first");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetImport").WithSummary("An import's progress: rows read, valid, refused, % done");
        group.MapGet("/{id:guid}/errors", ErrorsAsync)
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").WithName("GetImportErrors").WithSummary("The refused rows as csv (default) or xlsx: line, household number, field, reason");
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status409Conflict).WithName("CancelImport").WithSummary("Stop after the batch being written");
        group.MapPost("/{id:guid}/resume", ResumeAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status409Conflict).WithName("ResumeImport").WithSummary("Continue a cancelled or failed import from its last batch");
        group.MapPost("/{id:guid}/rollback", RollBackAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status409Conflict).WithName("RollBackImport").WithSummary("Undo everything the import wrote");
        return app;
    }

    /// <summary>The upload's body (raw, or the multipart field <c>file</c>) and its file name, or why it cannot be read.</summary>
    internal static async Task<(Stream? Body, string FileName, IResult? Problem)> UploadedFileAsync(
        HttpRequest request, string? fileName, ImportOptions options, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBytes + (1 << 20);
        }

        var body = request.Body;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                // A multipart upload may be as large as a raw one (the form reader's own default stops at 128 MB).
                form = await request.ReadFormAsync(
                    new FormOptions { MultipartBodyLengthLimit = options.MaxBytes, ValueLengthLimit = 4096 }, cancellationToken);
            }
            catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
            {
                return (null, "", TooLarge(options));
            }

            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return (null, "", Invalid("file", "请在表单字段 file 中上传文件。"));
            }

            fileName ??= file.FileName;
            body = file.OpenReadStream();
        }

        fileName = Path.GetFileName(fileName ?? "upload");
        return (body, fileName.Length > 200 ? fileName[..200] : fileName, null);
    }

    internal static bool IsWorkbook(string? format, string fileName) =>
        format?.ToLowerInvariant() is "xlsx" or "xls" || (format is null && Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".xls");

    /// <summary>The profile named by <c>profile</c>, or why not; none asked, none given.</summary>
    internal static async Task<(ImportProfile? Profile, IResult? Problem)> NamedProfileAsync(Guid? id, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return (null, null);
        }

        return await db.ImportProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } profile
            ? (profile, null)
            : (null, Invalid("profile", "没有这个导入方案；请从导入方案列表中选择。"));
    }

    public static async Task<IResult> UploadAsync(
        HttpRequest request, string? format, string? encoding, string? fileName, string? sheet, Guid? profile, AssessmentDbContext db, CurrentUser user,
        ImportQueueSignal signal, PersonalDataProtector protector, ImportDatabase database, IOptions<ImportOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var uploaded = await UploadedFileAsync(request, fileName, options.Value, cancellationToken);
        if (uploaded.Problem is { } unreadable)
        {
            return unreadable;
        }

        var (body, name) = (uploaded.Body!, uploaded.FileName);
        fileName = name;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var named = await NamedProfileAsync(profile, db, cancellationToken);
        if (named.Problem is { } noProfile)
        {
            return noProfile;
        }

        string? sourceSha256 = null;
        ImportProfile? readWith = named.Profile;
        var workbook = IsWorkbook(format, fileName);
        if (!workbook && readWith is null && (format?.ToLowerInvariant() == "csv" || (format is null && extension == ".csv")))
        {
            // A CSV whose header a saved profile covers is read with it, as a workbook would be (see ImportReading.Choose).
            (body, readWith) = await ImportReading.CoveringProfileAsync(body, db, cancellationToken);
        }

        // A workbook (a zip, or an OLE file for .xls), or another source's file read through a profile, is read more than once
        // (its first rows for the header, then all), so it is kept first — sealed in the store's chunks, never whole in memory
        // (SealedUpload) — and read back through a seekable stream over those chunks.
        SealedUpload? kept;
        try
        {
            kept = workbook || readWith is not null
                ? await SealedUpload.KeepAsync(database.DataSource, body, options.Value.MaxBytes, protector, time, cancellationToken)
                : null;
        }
        catch (Exception ex) when (ex is ImportFileStore.TooLargeException or BadHttpRequestException or InvalidDataException)
        {
            return TooLarge(options.Value);
        }

        // Declared before the conversion that reads it, so it is disposed (rolled back) after the conversion has stopped.
        await using var upload = kept;
        var converted = upload is not null ? await ConvertAsync(upload) : default;
        if (converted.Problem is { } unconvertible)
        {
            return unconvertible;
        }

        await using var conversion = converted.Csv;
        body = conversion?.Csv ?? body;

        async Task<(CsvConversion? Csv, IResult? Problem)> ConvertAsync(SealedUpload source)
        {
            // The conversion runs as the CSV is stored (encrypted), so no whole copy of the CSV is kept either; the header is
            // found first, so a file without one is refused before anything is written.
            try
            {
                var rows = ImportReading.Rows(source, workbook, sheet);
                var mapping = await ImportReading.MappingAsync(ImportReading.Top(rows), readWith, db, cancellationToken);
                (readWith, sourceSha256, format, encoding) = (mapping.Profile, source.Sha256, "csv", "utf-8");
                return (new CsvConversion(rows, mapping.Mapping), null);
            }
            catch (ImportFileException ex)
            {
                return (null, Invalid(ex.Field, ex.Message));
            }
        }

        var parsedFormat = (format?.ToLowerInvariant(), extension, request.ContentType) switch
        {
            ("csv", _, _) or (null, ".csv", _) => ImportFormat.Csv,
            ("jsonl" or "ndjson", _, _) or (null, ".jsonl" or ".ndjson", _) => ImportFormat.JsonLines,
            (null, _, { } type) when type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) => ImportFormat.Csv,
            (null, _, { } type) when type.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || type.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
                => ImportFormat.JsonLines,
            _ => (ImportFormat?)null,
        };
        if (parsedFormat is null)
        {
            return Invalid("format", "文件格式应为 xlsx、xls、csv 或 jsonl（可用 format 参数、文件扩展名或 Content-Type 指明）。");
        }

        if (encoding is not null and not ("utf-8" or "gbk"))
        {
            return Invalid("encoding", "文件编码应为 utf-8 或 gbk；不填则自动识别。");
        }

        var job = Guid.CreateVersion7(time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ImportFileStore.StoredFile stored;
        try
        {
            stored = await ImportFileStore.SaveAsync(
                (NpgsqlConnection)db.Database.GetDbConnection(), job, body, options.Value.MaxBytes, protector, cancellationToken);
        }
        catch (Exception ex) when (ex is ImportFileStore.TooLargeException or BadHttpRequestException or InvalidDataException)
        {
            return TooLarge(options.Value);
        }
        catch (ImportFileException ex)
        {
            // The conversion met what it cannot read part-way (the transaction rolls back: nothing is kept).
            return Invalid(ex.Field, ex.Message);
        }

        if (stored.Bytes == 0)
        {
            return Invalid("file", "文件是空的。");
        }

        var detected = ImportLines.Detect(stored.Head);
        if (detected is null || (encoding is not null && detected != encoding && !(encoding == "gbk" && detected == "utf-8")))
        {
            return Invalid("encoding", encoding is null
                ? "无法识别文件编码：文件应为 UTF-8 或 GBK 编码的文本。"
                : $"文件内容不是有效的{encoding.ToUpperInvariant()}编码；请确认编码后重新上传。");
        }

        var queued = ImportJob.Queue(
            job, fileName, parsedFormat.Value, encoding ?? detected, stored.Bytes, stored.Sha256, user.Id, time.GetUtcNow(), sourceSha256, readWith?.Id);
        var earlier = await EarlierImportsAsync(db, queued.SourceSha256, cancellationToken);
        db.ImportJobs.Add(queued);
        await AuditTrail.AppendAsync(db, time, user.Id, "import.upload", $"import:{job}",
            $"bytes={stored.Bytes};sha256={queued.SourceSha256}{(readWith is null ? "" : $";profile={readWith.Id}")}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/assessment/imports/{job}", ImportJobResponse.From(queued, options.Value.RollbackWindow) with { SameFileAs = earlier });
    }

    public static async Task<Ok<List<ImportJobResponse>>> ListAsync(AssessmentDbContext db, IOptions<ImportOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(50).ToListAsync(cancellationToken))
            .ConvertAll(j => ImportJobResponse.From(j, options.Value.RollbackWindow)));

    public static async Task<Results<Ok<ImportJobResponse>, NotFound>> GetAsync(
        Guid id, AssessmentDbContext db, IOptions<ImportOptions> options, CancellationToken cancellationToken) =>
        await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken) is { } job
            ? TypedResults.Ok(ImportJobResponse.From(job, options.Value.RollbackWindow))
            : TypedResults.NotFound();

    public static async Task<Results<FileStreamHttpResult, NotFound, ValidationProblem>> ErrorsAsync(
        Guid id, string? format, AssessmentDbContext db, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(format) && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["错误报告格式应为 csv 或 xlsx。"] }, title: "下载参数有误");
        }

        var job = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id).Select(j => new { j.FileName, j.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        var rows = db.ImportRowErrors.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.Line).ThenBy(e => e.Id)
            .Select(e => new { e.Line, e.HouseholdRef, e.Field, e.Message }).AsAsyncEnumerable();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (xlsx)
        {
            var sheet = new List<IReadOnlyList<object?>>();
            await foreach (var e in rows.WithCancellation(cancellationToken))
            {
                sheet.Add([e.Line, e.HouseholdRef, e.Field, e.Message]);
            }

            var uploaded = DateOnly.FromDateTime(job.CreatedAt.ToOffset(CountyClock.ChinaStandardTime).DateTime);
            return TypedResults.File(
                CountyWorkbook.WriteToTemporaryFile(new WorkbookHeading($"{county.Value.Name}民政局", time.CountyToday()), new WorkbookSheet("导入错误",
                    $"{county.Value.Name}动态监测数据导入错误清单（{job.FileName}，{uploaded.Year}年{uploaded.Month}月{uploaded.Day}日导入）",
                    [new("行号", CellKind.Count), new("户编号"), new("字段"), new("错误原因", CellKind.LongText)], sheet)),
                CountyWorkbook.ContentType, $"import-{id}-errors.xlsx");
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(true), 64 * 1024, leaveOpen: true))
        {
            await writer.WriteLineAsync("行号,户编号,字段,错误原因");
            await foreach (var e in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync($"{e.Line},{Csv.Escape(e.HouseholdRef ?? "")},{Csv.Escape(e.Field)},{Csv.Escape(e.Message)}");
            }
        }

        file.Position = 0;
        return TypedResults.File(file, "text/csv; charset=utf-8", $"import-{id}-errors.csv");
    }

    public static Task<Results<Ok<ImportJobResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, AssessmentDbContext db, IOptions<ImportOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, job => job.Cancel(time.GetUtcNow()), null, options.Value, cancellationToken);

    public static Task<Results<Ok<ImportJobResponse>, NotFound, ProblemHttpResult>> ResumeAsync(
        Guid id, AssessmentDbContext db, ImportQueueSignal signal, IOptions<ImportOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, job => job.Resume(time.GetUtcNow(), options.Value.RollbackWindow), signal, options.Value, cancellationToken);

    public static async Task<Results<Ok<RollbackResult>, NotFound, ProblemHttpResult>> RollBackAsync(
        Guid id, AssessmentDbContext db, IOptions<ImportOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            job.RequireRollbackAllowed(time.GetUtcNow(), options.Value.RollbackWindow);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        try
        {
            return TypedResults.Ok(await ImportRollback.RollBackAsync(db, job, time.GetUtcNow(), options.Value.RollbackWindow, cancellationToken));
        }
        catch (DbUpdateConcurrencyException)
        {
            // The worker or the file sweeper changed the job meanwhile; the rollback's transaction did not commit.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "导入状态刚刚发生了变化，请刷新后重试。");
        }
    }

    private static async Task<Results<Ok<ImportJobResponse>, NotFound, ProblemHttpResult>> ChangeAsync(
        Guid id, AssessmentDbContext db, Action<ImportJob> change, ImportQueueSignal? signal, ImportOptions options, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            change(job);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "导入状态刚刚发生了变化，请刷新后重试。");
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        signal?.Notify();
        return TypedResults.Ok(ImportJobResponse.From(job, options.RollbackWindow));
    }

    /// <summary>Earlier imports of the very same file (by its own hash), newest first, that were not rolled back.</summary>
    internal static async Task<List<Guid>> EarlierImportsAsync(AssessmentDbContext db, string sourceSha256, CancellationToken cancellationToken) =>
        await db.ImportJobs.AsNoTracking().Where(j => j.SourceSha256 == sourceSha256 && j.Status != ImportJobStatus.RolledBack)
            .OrderByDescending(j => j.CreatedAt).Select(j => j.Id).Take(10).ToListAsync(cancellationToken);

    internal static ProblemHttpResult TooLarge(ImportOptions options) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大", detail: $"导入文件不能超过{options.MaxBytes / (1 << 20)} MB，请分批导入。");

    internal static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "导入文件有误");
}
