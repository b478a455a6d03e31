namespace ReliefPlatform.Workbooks;

/// <summary>How a column's cells are shown and printed.</summary>
public enum CellKind
{
    /// <summary>Text, wrapped when longer than the widest the column may grow.</summary>
    Text,

    /// <summary>Long text (服务内容, 服务标准): a wide column, wrapped.</summary>
    LongText,

    /// <summary>Whole numbers (户数, 人口数).</summary>
    Count,

    /// <summary>Numbers with two decimals (满意度均值, 天数).</summary>
    Number,

    /// <summary>Money in yuan: ¥ and two decimals.</summary>
    Money,

    /// <summary>A share (0.92 is shown as 92.0%).</summary>
    Share,

    /// <summary>A date (yyyy-mm-dd).</summary>
    Date,
}

/// <summary>A column of a county workbook: its heading and how its cells look.</summary>
/// <param name="Choices">For a blank form's column: the values Excel offers in a drop-down list and accepts (a data-validation list).</param>
public sealed record WorkbookColumn(string Header, CellKind Kind = CellKind.Text, IReadOnlyList<string>? Choices = null);
