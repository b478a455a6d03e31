namespace ReliefPlatform.Workbooks;

/// <summary>
/// One sheet of a county workbook: a tab name, the title printed above the table (county, report and period) and
/// the rows, one value per column (string, number, <see cref="DateOnly"/> or null). The 序号 column is added.
/// </summary>
public sealed record WorkbookSheet(string Name, string Title, IReadOnlyList<WorkbookColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
