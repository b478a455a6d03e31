using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ReliefPlatform.Workbooks;

/// <summary>The one stylesheet every county workbook uses; the constants are its cell formats (cellXfs) by index.</summary>
internal static class WorkbookStyles
{
    public const uint Title = 1, Heading = 2, Header = 3, Text = 4, Count = 5, Number = 6, Money = 7, Share = 8, Date = 9, Serial = 10, NoData = 11;

    public const string MoneyFormat = "\"¥\"#,##0.00", DateFormat = "yyyy-mm-dd", ShareFormat = "0.0%";
    private const uint MoneyFormatId = 164, DateFormatId = 165, ShareFormatId = 166;

    // Office offices print in 宋体; LibreOffice on Debian substitutes a Noto CJK face.
    private const string FontName = "宋体";

    public static uint For(CellKind kind) => kind switch
    {
        CellKind.Count => Count,
        CellKind.Number => Number,
        CellKind.Money => Money,
        CellKind.Share => Share,
        CellKind.Date => Date,
        _ => Text,
    };

    public static Stylesheet Create() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = MoneyFormatId, FormatCode = MoneyFormat },
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormat },
            new NumberingFormat { NumberFormatId = ShareFormatId, FormatCode = ShareFormat }) { Count = 3 },
        new Fonts(Font(11, bold: false), Font(11, bold: true), Font(16, bold: true)) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Thin<LeftBorder>(), Thin<RightBorder>(), Thin<TopBorder>(), Thin<BottomBorder>(), new DiagonalBorder())) { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            Format(font: 2, border: 0, numberFormat: 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: false),
            Format(font: 0, border: 0, numberFormat: 0, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: false),
            Format(font: 1, border: 1, numberFormat: 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true, fill: 2),
            Format(font: 0, border: 1, numberFormat: 0, HorizontalAlignmentValues.Left, VerticalAlignmentValues.Top, wrap: true),
            Format(font: 0, border: 1, numberFormat: 1, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: 2, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: MoneyFormatId, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: ShareFormatId, HorizontalAlignmentValues.Right, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: DateFormatId, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: 1, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(font: 0, border: 1, numberFormat: 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: false)) { Count = 12 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(double size, bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = size }, new FontName { Val = FontName }, new FontCharSet { Val = 134 });
        return font;
    }

    private static T Thin<T>() where T : BorderPropertiesType, new() => new() { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } };

    private static CellFormat Format(
        uint font, uint border, uint numberFormat, HorizontalAlignmentValues horizontal, VerticalAlignmentValues vertical, bool wrap, uint fill = 0) =>
        new(new Alignment { Horizontal = horizontal, Vertical = vertical, WrapText = wrap ? true : null })
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, FormatId = 0,
            ApplyFont = true, ApplyBorder = border > 0, ApplyNumberFormat = numberFormat > 0, ApplyAlignment = true, ApplyFill = fill > 0,
        };
}
