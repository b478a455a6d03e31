using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>A problem with the file as a whole (not one row): the job stops and says why.</summary>
/// <param name="field">Which part of the upload the reason is about: <c>file</c>, or <c>sheet</c> when the chosen sheet is the problem.</param>
public sealed class ImportFileException(string message, string field = "file") : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Turns the lines of a monitoring file into batches of checked, encrypted rows. A bad line becomes a row error
/// and reading goes on; only an unusable header stops the file.
/// </summary>
public sealed class ImportRowReader(MonitoringRowParser parser, PersonalDataProtector protector, Encoding encoding, ImportFormat format)
{
    public async IAsyncEnumerable<ImportBatch> ReadAsync(
        IAsyncEnumerable<FileLine> lines, int[]? csvColumns, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<PreparedRow>(batchSize);
        var errors = new List<RowError>();
        var split = new List<string>(MonitoringFields.Count);
        var fields = new string?[MonitoringFields.Count];
        long linesRead = 0, bytesRead = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            linesRead = line.Number;
            bytesRead = line.EndOffset;
            if (line.Bytes.IsEmpty || line.Bytes.Span.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            {
                continue;
            }

            if (Decode(line, errors) is { } text)
            {
                Array.Clear(fields);
                var readable = format == ImportFormat.Csv ? FromCsv(text, csvColumns!, split, fields) : FromJson(text, fields);
                if (readable is { } problem)
                {
                    errors.Add(new RowError(line.Number, "整行", problem, null));
                }
                else if (parser.Parse(line.Number, fields, errors) is { } row)
                {
                    rows.Add(PreparedRow.Prepare(row, protector));
                }
            }

            if (rows.Count + errors.Count >= batchSize)
            {
                yield return new ImportBatch(rows, errors, linesRead, bytesRead);
                rows = new List<PreparedRow>(batchSize);
                errors = [];
            }
        }

        yield return new ImportBatch(rows, errors, linesRead, bytesRead);
    }

    /// <summary>Reads the CSV header: which column holds which field. Refuses a file missing a required column.</summary>
    public static int[] MapHeader(string header)
    {
        var names = new List<string>();
        if (!CsvFields.TrySplit(header.TrimStart('\uFEFF'), names))
        {
            throw new ImportFileException("表头无法识别：引号不成对。");
        }

        var columns = Enumerable.Repeat(-1, MonitoringFields.Count).ToArray();
        for (var i = 0; i < names.Count; i++)
        {
            if (MonitoringFields.ByHeader.TryGetValue(names[i].Trim(), out var field) && columns[(int)field] < 0)
            {
                columns[(int)field] = i;
            }
        }

        var missing = MonitoringFields.Required.Where(f => columns[(int)f] < 0).Select(f => f.ChineseName()).ToList();
        return missing.Count == 0 ? columns : throw new ImportFileException($"文件缺少必需的列：{string.Join("、", missing)}。");
    }

    private string? Decode(FileLine line, List<RowError> errors)
    {
        try
        {
            return encoding.GetString(line.Bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new RowError(line.Number, "整行", $"该行不是有效的{(encoding.CodePage == 936 ? "GBK" : "UTF-8")}编码文本。", null));
            return null;
        }
    }

    private static string? FromCsv(string text, int[] columns, List<string> split, string?[] fields)
    {
        if (!CsvFields.TrySplit(text, split))
        {
            return "引号不成对，无法识别该行。";
        }

        for (var f = 0; f < columns.Length; f++)
        {
            var column = columns[f];
            fields[f] = column >= 0 && column < split.Count && split[column].Length > 0 ? split[column] : null;
        }

        return null;
    }

    private static string? FromJson(string text, string?[] fields)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "每行应为一个JSON对象。";
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!MonitoringFields.ByHeader.TryGetValue(property.Name, out var field))
                {
                    continue;
                }

                fields[(int)field] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Array => string.Join(';', property.Value.EnumerateArray().Select(v => v.ToString())),
                    _ => null,
                };
            }

            return null;
        }
        catch (JsonException)
        {
            return "该行不是有效的JSON。";
        }
    }
}
