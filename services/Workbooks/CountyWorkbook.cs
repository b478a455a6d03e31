using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ReliefPlatform.Workbooks;

/// <summary>
/// Every workbook the county downloads, in one layout made for filing: a title naming county, report and period;
/// 制表单位/制表日期 under it; a 序号 column; widths fitted to the content (text wraps past a limit); the header row frozen;
/// number, money and date formats; A4 landscape, the header row repeated on every page, fit to one page wide; and
/// 本期无数据 under the headers of an empty sheet.
/// </summary>
/// <remarks>
/// MiniExcel 1.46, which wrote these workbooks before, can freeze its header and set widths and formats, but writes no
/// title rows above its table, no merged cells and no print setup (orientation, paper, fit to width, print titles);
/// post-processing its package would mean loading a 200 000-row sheet as a document tree. So the layout is written
/// once, with the Open XML SDK's streaming writer (typed elements, no hand-built XML).
/// </remarks>
public static class CountyWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string NoData = "本期无数据";
    public const string SerialHeader = "序号";
    public const int TitleRow = 1, HeadingRow = 2, HeaderRow = 3, FirstDataRow = 4;

    private const double MaxTextWidth = 26, MaxLongTextWidth = 44, MinLongTextWidth = 20, MaxHeaderWidth = 8;

    /// <summary>Writes the sheets, in order, as one xlsx package.</summary>
    public static void Write(Stream stream, WorkbookHeading heading, params IReadOnlyList<WorkbookSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Create();
        var sheetList = new Sheets();
        var printTitles = new DefinedNames();
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheets[i], heading, selected: i == 0);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = sheets[i].Name });
            printTitles.Append(new DefinedName($"'{sheets[i].Name}'!${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }

        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView()), sheetList, printTitles);
    }

    /// <summary>Writes the workbook into a temporary file that deletes itself when closed, positioned at its start.</summary>
    public static FileStream WriteToTemporaryFile(WorkbookHeading heading, params IReadOnlyList<WorkbookSheet> sheets)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        Write(file, heading, sheets);
        file.Position = 0;
        return file;
    }

    private static void WriteSheet(WorksheetPart part, WorkbookSheet sheet, WorkbookHeading heading, bool selected)
    {
        var width = sheet.Columns.Count + 1;
        var last = ColumnName(width);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{FirstDataRow}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{FirstDataRow}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{FirstDataRow}" } })
        { TabSelected = selected, WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(Widths(sheet).Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));

        writer.WriteStartElement(new SheetData());
        writer.WriteElement(new Row(TextCell($"A{TitleRow}", sheet.Title, WorkbookStyles.Title)) { RowIndex = TitleRow, Height = 30, CustomHeight = true });
        writer.WriteElement(new Row(TextCell($"A{HeadingRow}", heading.Text, WorkbookStyles.Heading)) { RowIndex = HeadingRow, Height = 20, CustomHeight = true });
        var header = new Row { RowIndex = HeaderRow };
        header.Append(TextCell($"A{HeaderRow}", SerialHeader, WorkbookStyles.Header));
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            header.Append(TextCell($"{ColumnName(c + 2)}{HeaderRow}", sheet.Columns[c].Header, WorkbookStyles.Header));
        }

        writer.WriteElement(header);
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var index = (uint)(FirstDataRow + r);
            var row = new Row { RowIndex = index };
            row.Append(new Cell { CellReference = $"A{index}", StyleIndex = WorkbookStyles.Serial, CellValue = new CellValue(r + 1) });
            var values = sheet.Rows[r];
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                row.Append(ValueCell($"{ColumnName(c + 2)}{index}", c < values.Count ? values[c] : null, WorkbookStyles.For(sheet.Columns[c].Kind)));
            }

            writer.WriteElement(row);
        }

        if (sheet.Rows.Count == 0)
        {
            var empty = new Row { RowIndex = FirstDataRow, Height = 24, CustomHeight = true };
            empty.Append(TextCell($"A{FirstDataRow}", NoData, WorkbookStyles.NoData));
            for (var c = 2; c <= width; c++)
            {
                empty.Append(new Cell { CellReference = $"{ColumnName(c)}{FirstDataRow}", StyleIndex = WorkbookStyles.NoData });
            }

            writer.WriteElement(empty);
        }

        writer.WriteEndElement();

        var merged = new MergeCells(new MergeCell { Reference = $"A{TitleRow}:{last}{TitleRow}" }, new MergeCell { Reference = $"A{HeadingRow}:{last}{HeadingRow}" });
        if (sheet.Rows.Count == 0)
        {
            merged.Append(new MergeCell { Reference = $"A{FirstDataRow}:{last}{FirstDataRow}" });
        }

        merged.Count = (uint)merged.ChildElements.Count;
        writer.WriteElement(merged);
        if (Choices(sheet) is { } choices)
        {
            writer.WriteElement(choices);
        }

        writer.WriteElement(new PrintOptions { HorizontalCentered = true });
        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteElement(new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        writer.WriteEndElement();
    }

    /// <summary>The drop-down lists of the columns that have choices, for the rows a form is filled in (to <see cref="FormRows"/>).</summary>
    private static DataValidations? Choices(WorkbookSheet sheet)
    {
        var lists = new DataValidations();
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            if (sheet.Columns[c].Choices is not { Count: > 0 } choices)
            {
                continue;
            }

            var column = ColumnName(c + 2);
            lists.Append(new DataValidation(new Formula1($"\"{string.Join(',', choices)}\""))
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = sheet.Columns[c].Header,
                Error = $"请从下拉列表中选择：{string.Join("、", choices)}",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{FirstDataRow}:{column}{FormRows}" },
            });
        }

        lists.Count = (uint)lists.ChildElements.Count;
        return lists.Count == 0 ? null : lists;
    }

    /// <summary>How far down a blank form's drop-down lists reach.</summary>
    public const int FormRows = 5000;

    /// <summary>Column widths (in characters of the default font) fitted to the widest cell; a heading wraps rather than widen its column.</summary>
    internal static double[] Widths(WorkbookSheet sheet)
    {
        var widths = new double[sheet.Columns.Count + 1];
        widths[0] = Math.Max(Units(SerialHeader), Units(sheet.Rows.Count.ToString(CultureInfo.InvariantCulture))) + 1.5;
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            var column = sheet.Columns[c];
            var content = 0.0;
            foreach (var row in sheet.Rows)
            {
                content = Math.Max(content, c < row.Count ? Units(Display(row[c], column.Kind)) : 0);
            }

            var fitted = Math.Max(content, Math.Min(Units(column.Header), MaxHeaderWidth)) + 1.5;
            widths[c + 1] = column.Kind switch
            {
                CellKind.Text => Math.Min(fitted, MaxTextWidth),
                CellKind.LongText => Math.Clamp(fitted, MinLongTextWidth, MaxLongTextWidth),
                _ => fitted,
            };
        }

        return widths;
    }

    /// <summary>
    /// How wide a text shows, in column-width units: measured in LibreOffice Calc with the sheet's font, a digit takes
    /// about 0.75 of a unit and a Chinese character (or full-width sign) about 1.5; a little is added for safety.
    /// </summary>
    private static double Units(string text) => text.Split('\n').Max(line => line.Sum(ch => ch >= '\u2E80' ? 1.75 : 0.9));

    private static string Display(object? value, CellKind kind) => value switch
    {
        null => "",
        string text => text,
        DateOnly => "0000-00-00",
        IFormattable number => kind switch
        {
            CellKind.Money => "¥" + number.ToString("#,##0.00", CultureInfo.InvariantCulture),
            CellKind.Share => (Convert.ToDouble(number, CultureInfo.InvariantCulture) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            CellKind.Number => number.ToString("0.00", CultureInfo.InvariantCulture),
            _ => number.ToString(null, CultureInfo.InvariantCulture),
        },
        _ => value.ToString() ?? "",
    };

    private static Cell ValueCell(string reference, object? value, uint style) => value switch
    {
        null => new Cell { CellReference = reference, StyleIndex = style },
        string text => TextCell(reference, text, style),
        bool flag => TextCell(reference, flag ? "是" : "否", style),
        DateOnly date => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()) },
        int number => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(number) },
        long number => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue((decimal)number) },
        decimal number => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(number) },
        double number => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(number) },
        _ => TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", style),
    };

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(Printable(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    // XML 1.0 has no place for control characters other than tab and line breaks.
    private static string Printable(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')]) : text;

    internal static string ColumnName(int number)
    {
        var name = new StringBuilder();
        for (; number > 0; number = (number - 1) / 26)
        {
            name.Insert(0, (char)('A' + ((number - 1) % 26)));
        }

        return name.ToString();
    }
}
