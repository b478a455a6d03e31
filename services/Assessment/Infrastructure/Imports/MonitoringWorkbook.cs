using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// A monitoring workbook as a county receives it (.xlsx, or the older .xls): title rows above the header, a header over
/// one row or two (a merged parent cell over its columns), numbers and dates as Excel keeps them. It is read row by row
/// and written as the platform's CSV — the same checked, resumable import from there on — with the spreadsheet's row
/// numbers kept as the CSV's line numbers, so every refused row is reported where the clerk sees it in Excel.
/// </summary>
public static class MonitoringWorkbook
{
    /// <summary>How far down the header is looked for (title rows, notes, a blank line).</summary>
    public const int HeaderSearchRows = 12;

    private static readonly MonitoringField[] Written = Enum.GetValues<MonitoringField>();

    static MonitoringWorkbook() =>
        // .xls keeps its text in the workbook's code page (GBK for a Chinese Excel).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="sheet">The sheet by name or 1-based number; the first visible sheet when null.</param>
    /// <exception cref="ImportFileException">The workbook cannot be read, or has no sheet or header the registry can use (the reason in Chinese).</exception>
    public static void ToCsv(Stream workbook, Stream csv, string? sheet)
    {
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateReader(workbook);
        }
        catch (InvalidPasswordException)
        {
            throw new ImportFileException("工作簿设置了打开密码，无法读取；请在 Excel 中取消密码后重新上传。");
        }
        catch (Exception ex) when (ex is HeaderException or ExcelReaderException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            throw new ImportFileException("文件不是可读取的 Excel 工作簿（.xlsx 或 .xls），可能已损坏或只是改了扩展名。");
        }

        using (reader)
        {
            SelectSheet(reader, sheet);
            using var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            Convert(reader, writer);
        }
    }

    private static void SelectSheet(IExcelDataReader reader, string? sheet)
    {
        var index = 0;
        var number = int.TryParse(sheet, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var names = new List<string>();
        do
        {
            index++;
            names.Add(reader.Name);
            var chosen = sheet is null ? reader.VisibleState == "visible" : reader.Name == sheet.Trim() || number == index;
            if (!chosen)
            {
                continue;
            }

            if (reader.VisibleState != "visible")
            {
                throw new ImportFileException($"工作表“{reader.Name}”是隐藏的；请取消隐藏，或指明要导入的工作表。");
            }

            return;
        }
        while (reader.NextResult());

        throw new ImportFileException(sheet is null
            ? "工作簿里没有可见的工作表。"
            : $"工作簿里没有工作表“{sheet}”；现有：{string.Join("、", names)}。");
    }

    private static void Convert(IExcelDataReader reader, StreamWriter writer)
    {
        var top = new List<string?[]>();
        while (top.Count < HeaderSearchRows && reader.Read())
        {
            top.Add(Texts(reader, -1));
        }

        var (headerRow, headerRows, columns) = FindHeader(top);
        // Only the columns the file has: a field it lacks (e.g. 现有政策) stays as the registry has it.
        var written = Written.Where(f => columns[(int)f] >= 0).ToArray();
        writer.Write(string.Join(',', written.Select(f => f.ChineseName())));
        writer.Write('\n');
        // Row n of the sheet is line n of the CSV: the title and header rows stand as empty lines, which the import skips.
        for (var i = 1; i < headerRow + headerRows; i++)
        {
            writer.Write('\n');
        }

        foreach (var row in top.Skip(headerRow + headerRows))
        {
            WriteRow(writer, row, written, columns);
        }

        var idColumn = columns[(int)MonitoringField.IdNumber];
        while (reader.Read())
        {
            WriteRow(writer, Texts(reader, idColumn), written, columns);
        }
    }

    /// <summary>The first row, or pair of rows, whose names give every required column; which column holds which field.</summary>
    private static (int Row, int Rows, int[] Columns) FindHeader(List<string?[]> top)
    {
        string? problem = null;
        for (var r = 0; r < top.Count; r++)
        {
            foreach (var rows in new[] { 1, 2 })
            {
                if (r + rows > top.Count)
                {
                    continue;
                }

                var columns = Enumerable.Repeat(-1, MonitoringFields.Count).ToArray();
                string? twice = null;
                var names = Names(top[r], rows == 2 ? top[r + 1] : null);
                for (var c = 0; c < names.Count && twice is null; c++)
                {
                    if (names[c].Select(Field).FirstOrDefault(f => f is not null) is not { } field)
                    {
                        continue;
                    }

                    if (columns[(int)field] >= 0)
                    {
                        twice = $"表头中第{columns[(int)field] + 1}列和第{c + 1}列都对应“{field.ChineseName()}”，请只保留一列。";
                    }

                    columns[(int)field] = c;
                }

                if (MonitoringFields.Required.All(f => columns[(int)f] >= 0))
                {
                    return twice is null ? (r, rows, columns) : throw new ImportFileException(twice);
                }

                problem ??= twice;
            }
        }

        throw new ImportFileException(problem ?? $"前{HeaderSearchRows}行中找不到表头：表头须包含{string.Join("、", MonitoringFields.Required.Select(f => f.ChineseName()))}（列名可用常见写法，如“身份证号码”“乡镇”“村（社区）”）。");
    }

    /// <summary>
    /// Each column's possible names. Over two rows: the lower name, the upper one where the column has no lower name (a
    /// cell merged down), and the parent's name joined to the lower one — a merged parent cell reads as its first column
    /// only, so it carries right over the columns beneath it.
    /// </summary>
    private static List<string?[]> Names(string?[] upper, string?[]? lower)
    {
        if (lower is null)
        {
            return [.. upper.Select(name => new[] { Clean(name) })];
        }

        var names = new List<string?[]>();
        string? parent = null;
        for (var c = 0; c < Math.Max(upper.Length, lower.Length); c++)
        {
            var above = Clean(upper.ElementAtOrDefault(c));
            var below = Clean(lower.ElementAtOrDefault(c));
            parent = above ?? (below is null ? null : parent);
            names.Add(below is null ? [above] : [below, parent is null ? null : parent + below]);
        }

        return names;
    }

    private static MonitoringField? Field(string? name) => name is not null && MonitoringFields.ByHeader.TryGetValue(name, out var field) ? field : null;

    private static string? Clean(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : string.Concat(name.Where(ch => !char.IsWhiteSpace(ch))).Replace('(', '（').Replace(')', '）');

    /// <summary>
    /// The row's cells as the import reads text: numbers as written, dates as yyyy-MM-dd. An ID number Excel turned into a
    /// number has lost its last digits: it is written in scientific notation, which the import refuses with that reason.
    /// </summary>
    private static string?[] Texts(IExcelDataReader reader, int idColumn)
    {
        var texts = new string?[reader.FieldCount];
        for (var c = 0; c < texts.Length; c++)
        {
            texts[c] = reader.GetValue(c) switch
            {
                null => null,
                string s => s.Trim(),
                double d when Math.Abs(d) >= 1e15 && (c == idColumn || idColumn < 0) => d.ToString("0.#####E+0", CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? "是" : "否",
                var other => System.Convert.ToString(other, CultureInfo.InvariantCulture),
            };
        }

        return texts;
    }

    private static void WriteRow(StreamWriter writer, string?[] row, MonitoringField[] written, int[] columns)
    {
        if (written.All(f => string.IsNullOrEmpty(columns[(int)f] < row.Length ? row[columns[(int)f]] : null)))
        {
            // A blank row (often below the list, or between blocks) is an empty line the import skips.
            writer.Write('\n');
            return;
        }

        for (var i = 0; i < written.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var column = columns[(int)written[i]];
            var text = column >= 0 && column < row.Length ? row[column] : null;
            if (text is null)
            {
                continue;
            }

            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(text);
            }
        }

        writer.Write('\n');
    }
}
