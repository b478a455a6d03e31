using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Assessment.Infrastructure.Policies;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="Field">The registry field's JSON name, as mapped (<c>By</c> profile or name) or suggested (<c>By</c> suggested-name or values); null for a column not imported.</param>
public sealed record ImportPreviewColumn(int Number, string? Name, string? Field, string? FieldName, string? By, IReadOnlyList<string> Samples);

public sealed record ImportPreviewError(string Field, string Message);

/// <param name="Values">The row's values by field (Chinese name), names and ID numbers masked.</param>
public sealed record ImportPreviewRow(long Line, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<ImportPreviewError> Errors);

public sealed record ImportPreviewProfile(Guid Id, string Name, int Version);

/// <param name="New">Valid rows whose person the registry does not have.</param>
/// <param name="Changed">Valid rows whose person the registry has with other details.</param>
public sealed record ImportPreviewCounts(long Rows, long Valid, long Refused, long New, long Changed, long Unchanged);

/// <param name="Readable">Whether the header was read (by the profile or the standard names): only then are rows and counts given.</param>
/// <param name="Problem">Why the header was not read, when it was not.</param>
/// <param name="HeaderRow">The header's first row, 1-based as in Excel.</param>
/// <param name="Words">For coded fields: the file's words the registry does not read as they are → the suggested registry word, or null when none is known.</param>
public sealed record ImportPreviewResponse(
    string FileName,
    string Sha256,
    IReadOnlyList<Guid> SameFileAs,
    bool Readable,
    string? Problem,
    int? HeaderRow,
    int HeaderRows,
    ImportPreviewProfile? Profile,
    IReadOnlyList<ImportPreviewColumn> Columns,
    IReadOnlyList<string> Missing,
    IReadOnlyDictionary<string, Dictionary<string, string?>> Words,
    IReadOnlyList<ImportPreviewRow> Rows,
    ImportPreviewCounts? Counts)
{
    /// <summary>A workbook's visible sheets, in order (empty for a text file): with more than one, the clerk picks one (<c>sheet=</c>).</summary>
    public IReadOnlyList<string> Sheets { get; init; } = [];

    /// <summary>The sheet read (a workbook's first visible one unless <c>sheet=</c> named another).</summary>
    public string? Sheet { get; init; }
}

/// <summary>
/// The preview before an import: the file read exactly as the import would read it (the same mapping, parser and
/// checks), nothing written. When no mapping reads its header, the file's columns come back with a suggested mapping,
/// to confirm and save as a profile.
/// </summary>
public static partial class ImportPreviewApi
{
    public const int PreviewRows = 50;

    public static async Task<IResult> PreviewAsync(
        HttpRequest request, string? format, string? fileName, string? sheet, Guid? profile, AssessmentDbContext db, PersonalDataProtector protector,
        ExistingPolicies policies, ImportDatabase database, IOptions<CountyOptions> county, IOptions<ImportOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var uploaded = await ImportsApi.UploadedFileAsync(request, fileName, options.Value, cancellationToken);
        if (uploaded.Problem is { } unreadable)
        {
            return unreadable;
        }

        if (format?.ToLowerInvariant() is "jsonl" or "ndjson" || Path.GetExtension(uploaded.FileName).ToLowerInvariant() is ".jsonl" or ".ndjson")
        {
            return ImportsApi.Invalid("format", "预览只适用于表格文件（xlsx、xls、csv）；JSON 行文件请直接导入。");
        }

        var named = await ImportsApi.NamedProfileAsync(profile, db, cancellationToken);
        if (named.Problem is { } noProfile)
        {
            return noProfile;
        }

        // Kept sealed in the store's chunks while it is read (never committed: gone when the preview answers), read back
        // through seekable streams over them: the workbook is never whole in memory.
        SealedUpload kept;
        try
        {
            kept = await SealedUpload.KeepAsync(database.DataSource, uploaded.Body!, options.Value.MaxBytes, protector, time, cancellationToken);
        }
        catch (Exception ex) when (ex is ImportFileStore.TooLargeException or BadHttpRequestException or InvalidDataException)
        {
            return ImportsApi.TooLarge(options.Value);
        }

        await using var upload = kept;
        if (upload.Length == 0)
        {
            return ImportsApi.Invalid("file", "文件是空的。");
        }

        Func<IEnumerable<string?[]?>> rows;
        List<string?[]?> top;
        var workbook = ImportsApi.IsWorkbook(format, uploaded.FileName);
        try
        {
            rows = ImportReading.Rows(upload, workbook, sheet);
            top = ImportReading.Top(rows, MonitoringSheet.HeaderSearchRows + PreviewRows);
        }
        catch (ImportFileException ex)
        {
            return ImportsApi.Invalid(ex.Field, ex.Message);
        }

        IReadOnlyList<(string Name, bool Visible)> all = [];
        if (workbook)
        {
            using var sheetsOf = upload.OpenRead();
            all = MonitoringSheet.Sheets(sheetsOf);
        }

        List<string> sheets = [.. all.Where(s => s.Visible).Select(s => s.Name)];
        // As the reading chose it: by name, else by number among all sheets, else the first visible one.
        var sheetRead = !workbook ? null
            : sheet is null ? sheets.FirstOrDefault()
            : all.Any(s => s.Name == sheet.Trim()) ? sheet.Trim()
            : int.TryParse(sheet, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= all.Count ? all[n - 1].Name
            : null;

        var today = time.CountyToday();
        var searched = top.Take(MonitoringSheet.HeaderSearchRows).ToList();
        ImportMapping mapping;
        ImportProfile? readWith;
        SheetHeader? header;
        string? problem = null;
        try
        {
            (mapping, readWith, header) = await ImportReading.MappingAsync(searched, named.Profile, db, cancellationToken);
        }
        catch (ImportFileException ex) when (ex.Field != "profile")
        {
            (mapping, readWith, header, problem) = (ImportMapping.Standard, null, MonitoringSheet.GuessHeader(searched), ex.Message);
        }
        catch (ImportFileException ex)
        {
            return ImportsApi.Invalid(ex.Field, ex.Message);
        }

        var sameFile = await ImportsApi.EarlierImportsAsync(db, upload.Sha256, cancellationToken);
        if (header is null)
        {
            return TypedResults.Ok(new ImportPreviewResponse(uploaded.FileName, upload.Sha256, sameFile, false, problem ?? "文件前几行是空的。", null, 0, null, [], [], new Dictionary<string, Dictionary<string, string?>>(), [], null)
            {
                Sheets = sheets,
                Sheet = sheetRead,
            });
        }

        var data = top.Skip(header.FirstDataRow).Where(r => r is not null).Select(r => r!).ToList();
        var samples = header.Names.Select((_, c) => (IReadOnlyList<string>)[.. data.Select(r => c < r.Length ? r[c] : null).OfType<string>()]).ToList();
        var fields = new (MonitoringField Field, string By)?[header.Names.Count];
        if (problem is null)
        {
            for (var f = 0; f < header.Columns.Length; f++)
            {
                if (header.Columns[f] >= 0 && header.Columns[f] < fields.Length)
                {
                    fields[header.Columns[f]] = ((MonitoringField)f, readWith is null ? "name" : "profile");
                }
            }
        }
        else
        {
            foreach (var suggested in MappingSuggestion.Columns(header.Names, samples, county.Value, today))
            {
                fields[suggested.Column] = (suggested.Field, suggested.By == "name" ? "suggested-name" : "values");
            }
        }

        var columns = header.Names.Select((name, c) => new ImportPreviewColumn(
            c + 1, name, fields[c]?.Field.JsonName(), fields[c]?.Field.ChineseName(), fields[c]?.By,
            [.. samples[c].Distinct().Take(3).Select(v => Masked(fields[c]?.Field, v))])).ToList();
        var missing = MonitoringFields.Required.Where(f => fields.All(m => m?.Field != f)).Select(f => f.ChineseName()).ToList();
        var words = new Dictionary<string, Dictionary<string, string?>>();
        for (var c = 0; c < fields.Length; c++)
        {
            if (fields[c] is { } mapped && MappingSuggestion.Words(mapped.Field, samples[c].Select(v => mapping.Value(mapped.Field, v))) is { Count: > 0 } unread)
            {
                words[mapped.Field.ChineseName()] = unread;
            }
        }

        var previewRows = new List<ImportPreviewRow>();
        ImportPreviewCounts? counts = null;
        if (problem is null)
        {
            (previewRows, counts) = await ParseAsync(rows, mapping, db, protector, policies, county.Value, today, cancellationToken);
        }

        return TypedResults.Ok(new ImportPreviewResponse(
            uploaded.FileName, upload.Sha256, sameFile, problem is null, problem, header.Row + 1, header.Rows,
            readWith is null ? null : new ImportPreviewProfile(readWith.Id, readWith.Name, readWith.Version),
            columns, missing, words, previewRows, counts)
        {
            Sheets = sheets,
            Sheet = sheetRead,
        });
    }

    /// <summary>The whole file through the import's own reader and checks; its first rows shown, every row counted against the registry.</summary>
    private static async Task<(List<ImportPreviewRow> Rows, ImportPreviewCounts Counts)> ParseAsync(
        Func<IEnumerable<string?[]?>> rows, ImportMapping mapping, AssessmentDbContext db, PersonalDataProtector protector, ExistingPolicies policies,
        CountyOptions county, DateOnly today, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Code, string Name)>? known;
        try
        {
            known = [.. (await policies.ListAsync(cancellationToken)).Select(p => (p.Code, p.NameZh))];
        }
        catch (HttpRequestException)
        {
            known = null;
        }

        var reader = new ImportRowReader(new MonitoringRowParser(county, today, known), protector, ImportLines.Utf8Strict, ImportFormat.Csv);
        var shown = new List<ImportPreviewRow>();
        int[] csvColumns;
        // Read twice as it is converted, never held whole: the first rows to show them, then the whole file to count it. The
        // first conversion is stopped before the second starts: both read the one upload, which serves one reading at a time.
        await using (var shownCsv = new CsvConversion(rows, mapping))
        {
            (var headerEnd, csvColumns, var shownChunks) = await shownCsv.HeaderAsync(cancellationToken);
            var split = new List<string>();
            await foreach (var line in ImportLines.ReadAsync(shownChunks, headerEnd, 2).WithCancellation(cancellationToken))
            {
                if (shown.Count >= PreviewRows)
                {
                    break;
                }

                if (line.Bytes.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'"') < 0)
                {
                    continue;
                }

                split.Clear();
                CsvFields.TrySplit(Encoding.UTF8.GetString(line.Bytes.Span), split);
                var values = new Dictionary<string, string?>();
                foreach (var field in Enum.GetValues<MonitoringField>().Where(f => csvColumns[(int)f] >= 0))
                {
                    var value = csvColumns[(int)field] < split.Count ? split[csvColumns[(int)field]] : null;
                    values[field.ChineseName()] = string.IsNullOrEmpty(value) ? null : Masked(field, value);
                }

                shown.Add(new ImportPreviewRow(line.Number, values, []));
            }
        }

        long valid = 0, refused = 0, added = 0, changed = 0, unchanged = 0;
        var errorsOf = new Dictionary<long, List<ImportPreviewError>>();
        var last = shown.Count > 0 ? shown[^1].Line : 0;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var countedCsv = new CsvConversion(rows, mapping);
            var counted = await countedCsv.HeaderAsync(cancellationToken);
            await foreach (var batch in reader.ReadAsync(ImportLines.ReadAsync(counted.Data, counted.HeaderEnd, 2), csvColumns, 10_000, cancellationToken))
            {
                valid += batch.Rows.Count;
                refused += batch.Errors.Select(e => e.Line).Distinct().LongCount();
                foreach (var error in batch.Errors.Where(e => e.Line <= last))
                {
                    (errorsOf.TryGetValue(error.Line, out var list) ? list : errorsOf[error.Line] = []).Add(new ImportPreviewError(error.Field, error.Message));
                }

                var hashes = await RowHashesAsync(connection, batch.Rows, cancellationToken);
                foreach (var row in batch.Rows)
                {
                    if (!hashes.TryGetValue(row.Identity.IdNumberIndex, out var hash))
                    {
                        added++;
                    }
                    else if (hash == row.RowHash)
                    {
                        unchanged++;
                    }
                    else
                    {
                        changed++;
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        shown = shown.ConvertAll(r => errorsOf.TryGetValue(r.Line, out var errors) ? r with { Errors = errors } : r);
        return (shown, new ImportPreviewCounts(valid + refused, valid, refused, added, changed, unchanged));
    }

    private static async Task<Dictionary<string, string?>> RowHashesAsync(NpgsqlConnection connection, List<PreparedRow> rows, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string?>();
        if (rows.Count == 0)
        {
            return hashes;
        }

        await using var command = new NpgsqlCommand("""SELECT "IdNumberIndex", "RowHash" FROM members WHERE "IdNumberIndex" = ANY($1)""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.ConvertAll(r => r.Identity.IdNumberIndex).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>A value as the preview may show it: names and ID numbers masked, and anything shaped like an ID number.</summary>
    private static string Masked(MonitoringField? field, string value) => field switch
    {
        MonitoringField.Name => PersonName.Mask(value),
        MonitoringField.IdNumber => IdNumber.Mask(value.Trim()),
        _ when IdShaped().IsMatch(value) => IdNumber.Mask(value.Trim()),
        _ => value,
    };

    [GeneratedRegex(@"^\s*\d{15}(\d{2}[\dXx])?\s*$")]
    private static partial Regex IdShaped();
}
