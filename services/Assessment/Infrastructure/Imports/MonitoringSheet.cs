using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>Where a sheet's header is (0-based row, one or two rows), which column holds which field, and each column's name.</summary>
public sealed record SheetHeader(int Row, int Rows, int[] Columns, IReadOnlyList<string?> Names)
{
    /// <summary>The first data row's 0-based index.</summary>
    public int FirstDataRow => Row + Rows;
}

/// <summary>
/// A monitoring list as a county receives it — a workbook (.xlsx, or the older .xls) or another source's CSV: title rows
/// above the header, a header over one row or two (a merged parent cell over its columns), the source's own column
/// names and words (read through an <see cref="ImportMapping"/>), numbers and dates as Excel keeps them. It is read row
/// by row and written as the platform's CSV — the same checked, resumable import from there on — with the sheet's row
/// numbers kept as the CSV's line numbers, so every refused row is reported where the clerk sees it.
/// </summary>
public static class MonitoringSheet
{
    /// <summary>How far down the header is looked for (title rows, notes, a blank line).</summary>
    public const int HeaderSearchRows = 12;

    private static readonly MonitoringField[] Written = Enum.GetValues<MonitoringField>();

    static MonitoringSheet() =>
        // .xls keeps its text in the workbook's code page (GBK for a Chinese Excel).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A workbook's sheet, row by row, as text.</summary>
    /// <param name="sheet">The sheet by name or 1-based number; the first visible sheet when null.</param>
    /// <exception cref="ImportFileException">The workbook cannot be read, or has no such sheet (the reason in Chinese).</exception>
    public static IEnumerable<string?[]?> WorkbookRows(Stream workbook, string? sheet)
    {
        IExcelDataReader reader;
        try
        {
            // The workbook stays open: the preview and the upload read it more than once (its first rows, then all).
            reader = ExcelReaderFactory.CreateReader(workbook, new ExcelReaderConfiguration { LeaveOpen = true });
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
            while (reader.Read())
            {
                yield return Texts(reader);
            }
        }
    }

    /// <summary>The workbook's sheets in order, with whether each is visible (for the clerk to choose one); empty when it cannot be read.</summary>
    public static IReadOnlyList<(string Name, bool Visible)> Sheets(Stream workbook)
    {
        var names = new List<(string Name, bool Visible)>();
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(workbook, new ExcelReaderConfiguration { LeaveOpen = true });
            do
            {
                names.Add((reader.Name, reader.VisibleState == "visible"));
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is HeaderException or ExcelReaderException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            // Not a workbook: reading its rows says why.
        }

        return names;
    }

    /// <summary>A text file's lines as rows (one line, one row, as the import reads them); null for a line whose quotes do not pair.</summary>
    public static IEnumerable<string?[]?> CsvRows(Stream text, Encoding encoding)
    {
        using var reader = new StreamReader(text, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        var cells = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            cells.Clear();
            yield return CsvFields.TrySplit(line, cells) ? [.. cells.Select(c => string.IsNullOrWhiteSpace(c) ? null : c.Trim())] : null;
        }
    }

    /// <summary>Writes the rows as the platform's CSV through the mapping; the header is found in the first rows.</summary>
    /// <exception cref="ImportFileException">No header the mapping can read, or a field given by two columns.</exception>
    public static SheetHeader ToCsv(IEnumerable<string?[]?> rows, Stream csv, ImportMapping mapping)
    {
        using var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        using var row = rows.GetEnumerator();
        var top = new List<string?[]?>();
        while (top.Count < HeaderSearchRows && row.MoveNext())
        {
            top.Add(row.Current);
        }

        var header = FindHeader(top, mapping);
        // Only the columns the file has: a field it lacks (e.g. 现有政策) stays as the registry has it.
        var written = Written.Where(f => header.Columns[(int)f] >= 0).ToArray();
        writer.Write(string.Join(',', written.Select(f => f.ChineseName())));
        writer.Write('\n');
        // Row n of the sheet is line n of the CSV: the title and header rows stand as empty lines, which the import skips.
        for (var i = 1; i < header.FirstDataRow; i++)
        {
            writer.Write('\n');
        }

        foreach (var data in top.Skip(header.FirstDataRow))
        {
            WriteRow(writer, data, written, header.Columns, mapping);
        }

        while (row.MoveNext())
        {
            WriteRow(writer, row.Current, written, header.Columns, mapping);
        }

        return header;
    }

    /// <summary>The first row, or pair of rows, whose names give every required field through the mapping.</summary>
    /// <exception cref="ImportFileException">No such row in the first <see cref="HeaderSearchRows"/>, or a field given by two columns.</exception>
    public static SheetHeader FindHeader(IReadOnlyList<string?[]?> top, ImportMapping mapping)
    {
        string? problem = null;
        for (var r = 0; r < top.Count; r++)
        {
            // One row before two; and two only when the lower row is not a header by itself (a title above a header is no parent).
            var found = Read(top, r, 1, mapping);
            if (found is not { Header: not null })
            {
                problem ??= found?.Twice;
                found = Read(top, r + 1, 1, mapping) is { Header: not null } ? null : Read(top, r, 2, mapping);
            }

            if (found is { Header: { } header, Twice: var twice })
            {
                return twice is null ? header : throw new ImportFileException(twice);
            }

            problem ??= found?.Twice;
        }

        throw new ImportFileException(problem ?? $"前{HeaderSearchRows}行中找不到表头：表头须包含{string.Join("、", MonitoringFields.Required.Select(f => f.ChineseName()))}（列名可用常见写法，如“身份证号码”“乡镇”“村（社区）”；其他写法请先在导入预览中确认列的对应关系）。");
    }

    /// <summary>The header at row <paramref name="r"/> over <paramref name="rows"/> rows when its names give every required field (and any field named twice).</summary>
    private static (SheetHeader? Header, string? Twice)? Read(IReadOnlyList<string?[]?> top, int r, int rows, ImportMapping mapping)
    {
        if (r + rows > top.Count || top[r] is null || (rows == 2 && top[r + 1] is null))
        {
            return null;
        }

        var columns = Enumerable.Repeat(-1, MonitoringFields.Count).ToArray();
        string? twice = null;
        var names = Candidates(top[r]!, rows == 2 ? top[r + 1] : null);
        for (var c = 0; c < names.Count && twice is null; c++)
        {
            if (names[c].Select(mapping.FieldOf).FirstOrDefault(f => f is not null) is not { } field)
            {
                continue;
            }

            if (columns[(int)field] >= 0)
            {
                twice = $"表头中第{columns[(int)field] + 1}列和第{c + 1}列都对应“{field.ChineseName()}”，请只保留一列。";
            }

            columns[(int)field] = c;
        }

        return MonitoringFields.Required.All(f => columns[(int)f] >= 0)
            ? (new SheetHeader(r, rows, columns, [.. names.Select(n => n[0])]), twice)
            : (null, twice);
    }

    /// <summary>
    /// A header row no mapping knows yet, for suggesting one: the row among the first with the most named columns (the
    /// earliest of equals), with the row below it when that row names the columns under a merged parent (a two-row
    /// header); null when the first rows hold nothing.
    /// </summary>
    public static SheetHeader? GuessHeader(IReadOnlyList<string?[]?> top)
    {
        static int Named(string?[]? row) => row?.Count(t => t is not null && !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ?? 0;

        var (best, rows, most) = (-1, 1, 0);
        for (var r = 0; r < top.Count; r++)
        {
            // A two-row header counts the names of both rows: its upper row alone may name fewer columns than a data row has words.
            var twoRows = top[r] is { } upper && r + 1 < top.Count && IsSubHeader(upper, top[r + 1]);
            var named = Named(top[r]) + (twoRows ? Named(top[r + 1]) : 0);
            if (named > most)
            {
                (best, rows, most) = (r, twoRows ? 2 : 1, named);
            }
        }

        return best < 0
            ? null
            : new SheetHeader(best, rows, Enumerable.Repeat(-1, MonitoringFields.Count).ToArray(), [.. Candidates(top[best]!, rows == 2 ? top[best + 1] : null).Select(n => n[0])]);
    }

    /// <summary>
    /// Whether <paramref name="lower"/> names columns under <paramref name="upper"/>: it has a name where the upper row is
    /// empty (beneath a merged parent), is empty under some upper name (a cell merged down), and holds no number — a data
    /// row fills the merged-down columns and has numbers (序号, amounts, ID numbers).
    /// </summary>
    private static bool IsSubHeader(string?[] upper, string?[]? lower)
    {
        if (lower is null || lower.Any(t => t is not null && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        var width = Math.Max(upper.Length, lower.Length);
        var under = Enumerable.Range(0, width).Where(c => lower.ElementAtOrDefault(c) is not null).ToList();
        return under.Any(c => upper.ElementAtOrDefault(c) is null)
            && Enumerable.Range(0, width).Any(c => upper.ElementAtOrDefault(c) is not null && lower.ElementAtOrDefault(c) is null);
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
                throw new ImportFileException($"工作表“{reader.Name}”是隐藏的；请取消隐藏，或指明要导入的工作表。", sheet is null ? "file" : "sheet");
            }

            return;
        }
        while (reader.NextResult());

        throw sheet is null
            ? new ImportFileException("工作簿里没有可见的工作表。")
            : new ImportFileException($"工作簿里没有工作表“{sheet}”；现有：{string.Join("、", names)}。", "sheet");
    }

    /// <summary>
    /// Each column's possible names. Over two rows: the lower name, the upper one where the column has no lower name (a
    /// cell merged down), and the parent's name joined to the lower one — a merged parent cell reads as its first column
    /// only, so it carries right over the columns beneath it.
    /// </summary>
    private static List<string?[]> Candidates(string?[] upper, string?[]? lower)
    {
        if (lower is null)
        {
            return [.. upper.Select(name => new[] { ImportMapping.HeaderName(name) })];
        }

        var names = new List<string?[]>();
        string? parent = null;
        for (var c = 0; c < Math.Max(upper.Length, lower.Length); c++)
        {
            var above = ImportMapping.HeaderName(upper.ElementAtOrDefault(c));
            var below = ImportMapping.HeaderName(lower.ElementAtOrDefault(c));
            parent = above ?? (below is null ? null : parent);
            names.Add(below is null ? [above] : [below, parent is null ? null : parent + below]);
        }

        return names;
    }

    /// <summary>
    /// The row's cells as the import reads text: numbers as written, dates as yyyy-MM-dd. An 18-digit ID number Excel
    /// turned into a number has lost its last digits: it is written in scientific notation, which the import refuses with
    /// that reason (no real amount in a monitoring list reaches 10^15).
    /// </summary>
    private static string?[] Texts(IExcelDataReader reader)
    {
        var texts = new string?[reader.FieldCount];
        for (var c = 0; c < texts.Length; c++)
        {
            texts[c] = reader.GetValue(c) switch
            {
                null => null,
                string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
                double d when Math.Abs(d) >= 1e15 => d.ToString("0.#####E+0", CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? "是" : "否",
                var other => System.Convert.ToString(other, CultureInfo.InvariantCulture),
            };
        }

        return texts;
    }

    private static void WriteRow(StreamWriter writer, string?[]? row, MonitoringField[] written, int[] columns, ImportMapping mapping)
    {
        if (row is null)
        {
            // A line whose quotes do not pair: written so the import refuses that very line with its reason.
            writer.Write("\"\n");
            return;
        }

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

            text = mapping.Value(written[i], text);
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
