using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReliefPlatform.Assessment.Apis;
using ReliefPlatform.Funding.Apis;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;
using CountyTownship = ReliefPlatform.ServiceDefaults.County.Township;

namespace ReliefPlatform.UnitTests.Workbooks;

/// <summary>The county workbook layout, read back from the package as a spreadsheet program reads it.</summary>
public sealed class CountyWorkbookTests
{
    private static readonly CountyOptions Huoshan = new()
    {
        Code = "341525",
        Name = "霍山县",
        Townships = [new CountyTownship { Code = "341525101", Name = "佛子岭镇", Slug = "foziling" }],
    };

    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public void A_monthly_report_has_its_title_heading_serials_names_formats_frozen_header_and_A4_landscape_print_setup()
    {
        var row = new KpiRow("341525101", 12, 9, 6, 0.6667m, 3.5m, 2, 8, 7, 1, 6, 4.25m, 0.9m, 1, 1, 2m, 10_000m, 5_000m, 0.5m, 3m, 75m, 1, PaidThisMonth: 1234.5m);
        using var document = Read(Report(row));
        var part = SheetNamed(document, "乡镇");

        Assert.Equal(["乡镇", "服务项目", "服务机构", "购买项目"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Equal("霍山县服务类社会救助监管指标月报（2026年11月，按乡镇）", Text(part, "A1"));
        Assert.Equal("制表单位：霍山县民政局　　制表日期：2026年11月30日", Text(part, "A2"));
        Assert.Equal(["序号", "乡镇", "评估户数", "有需求户数"], Enumerable.Range(1, 4).Select(c => Text(part, $"{ColumnName(c)}3")));
        Assert.Equal("1", Text(part, "A4"));
        Assert.Equal("佛子岭镇", Text(part, "B4"));
        Assert.Contains(part.Worksheet.Descendants<MergeCell>(), m => m.Reference == "A1:Z1");

        Assert.Equal("\"¥\"#,##0.00", FormatOf(document, part, "本月拨付支出（元）"));
        Assert.Equal("1234.5", Text(part, $"{ColumnName(Header(part, "本月拨付支出（元）"))}4"));
        Assert.Equal("0.0%", FormatOf(document, part, "覆盖率"));
        Assert.Equal("0.00", FormatOf(document, part, "满意度均值"));

        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((3d, PaneStateValues.Frozen), (pane.VerticalSplit!.Value, pane.State!.Value));
        var setup = part.Worksheet.Elements<PageSetup>().Single();
        Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(part.Worksheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        var titles = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.LocalSheetId! == 0);
        Assert.Equal(("_xlnm.Print_Titles", "'乡镇'!$3:$3"), (titles.Name!.Value, titles.Text));
        // The township column is wide enough for its name on one line (a Chinese character takes about 1.5 width units in Calc).
        Assert.True(Width(part, 2) >= "佛子岭镇".Length * 1.5 + 1, $"width {Width(part, 2)}");
    }

    [Fact]
    public void A_month_without_facts_shows_every_sheets_headers_and_says_no_data()
    {
        using var document = Read(Report());

        foreach (var name in new[] { "乡镇", "服务项目", "服务机构", "购买项目" })
        {
            var part = SheetNamed(document, name);
            Assert.StartsWith("霍山县服务类社会救助监管指标月报（2026年11月", Text(part, "A1"), StringComparison.Ordinal);
            Assert.Equal("序号", Text(part, "A3"));
            Assert.Equal("评估户数", Text(part, $"{ColumnName(Header(part, "评估户数"))}3"));
            Assert.Equal(CountyWorkbook.NoData, Text(part, "A4"));
            Assert.Contains(part.Worksheet.Descendants<MergeCell>(), m => m.Reference!.Value!.StartsWith("A4:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Long_text_wraps_in_a_bounded_column_and_dates_are_dates()
    {
        var standard = string.Concat(Enumerable.Repeat("每周上门两次，每次不少于一小时；", 8));
        var sheet = new WorkbookSheet("服务清单", "霍山县服务类社会救助清单（第1版）",
            [new("服务项目"), new("服务标准", CellKind.LongText), new("施行日期", CellKind.Date)], [["助餐", standard, new DateOnly(2026, 1, 1)]]);
        using var stream = new MemoryStream();
        CountyWorkbook.Write(stream, new WorkbookHeading("霍山县民政局", new DateOnly(2026, 11, 30)), sheet);
        using var document = Read(stream.ToArray());
        var part = SheetNamed(document, "服务清单");

        Assert.InRange(Width(part, 3), 20, 44);
        Assert.True(StyleOf(document, part, "C4").Alignment!.WrapText!.Value);
        Assert.Equal("yyyy-mm-dd", FormatOf(document, part, "施行日期"));
        Assert.Equal(new DateOnly(2026, 1, 1).ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(part, "D4"));
    }

    [Fact]
    public void An_audited_unmasked_ledger_says_so_in_its_title_and_names_who_exported_it()
    {
        var today = new DateOnly(2026, 11, 30);
        Assert.Equal("霍山县服务类社会救助需求台账（截至2026年11月30日）", NeedsLedgerWorkbook.Title("霍山县", today, unmasked: false));
        Assert.Contains("审计导出", NeedsLedgerWorkbook.Title("霍山县", today, unmasked: true), StringComparison.Ordinal);
        Assert.EndsWith("导出人：caseworker", NeedsLedgerWorkbook.Heading("霍山县", today, "caseworker").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("导出人", NeedsLedgerWorkbook.Heading("霍山县", today, null).Text, StringComparison.Ordinal);
        Assert.Equal("户编号", NeedsLedgerWorkbook.Columns[0].Header);
    }

    private static byte[] Report(params KpiRow[] townships)
    {
        var rows = Enum.GetValues<KpiDimension>().ToDictionary(d => d, d => (IReadOnlyList<KpiRow>)(d == KpiDimension.Township ? townships : []));
        using var stream = new MemoryStream();
        CountyWorkbook.Write(stream, new WorkbookHeading("霍山县民政局", new DateOnly(2026, 11, 30)),
            KpiReportWorkbook.Sheets(Huoshan, November, null, rows, new Dictionary<string, string>()));
        return stream.ToArray();
    }

    private static SpreadsheetDocument Read(byte[] workbook) => SpreadsheetDocument.Open(new MemoryStream(workbook), isEditable: false);

    private static WorksheetPart SheetNamed(SpreadsheetDocument document, string name) =>
        (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!);

    private static Cell At(WorksheetPart part, string reference) => part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string Text(WorksheetPart part, string reference) => At(part, reference) is var cell && cell.InlineString is { } inline
        ? inline.Text!.Text
        : cell.CellValue?.Text ?? "";

    private static int Header(WorksheetPart part, string header) =>
        part.Worksheet.Descendants<Row>().Single(r => r.RowIndex! == CountyWorkbook.HeaderRow).Elements<Cell>().Select((c, i) => (c, i))
            .Single(x => x.c.InlineString?.Text?.Text == header).i + 1;

    private static CellFormat StyleOf(SpreadsheetDocument document, WorksheetPart part, string reference) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)At(part, reference).StyleIndex!.Value);

    /// <summary>The number format of the column's data cells, by its code (built-in 2 is 0.00).</summary>
    private static string FormatOf(SpreadsheetDocument document, WorksheetPart part, string header)
    {
        var id = StyleOf(document, part, $"{ColumnName(Header(part, header))}4").NumberFormatId!.Value;
        return id == 2 ? "0.00" : document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!;
    }

    private static double Width(WorksheetPart part, int column) =>
        part.Worksheet.Descendants<Column>().Single(c => c.Min! == (uint)column).Width!.Value;

    private static string ColumnName(int number) => number <= 26 ? ((char)('A' + number - 1)).ToString() : "A" + (char)('A' + number - 27);
}
