namespace ReliefPlatform.Workbooks;

/// <summary>What the line under every title says: 制表单位, 制表日期 and, for audited exports, who exported it (导出人).</summary>
public sealed record WorkbookHeading(string Unit, DateOnly MadeOn, string? ExportedBy = null)
{
    public string Text => $"制表单位：{Unit}　　制表日期：{MadeOn.Year}年{MadeOn.Month}月{MadeOn.Day}日"
        + (ExportedBy is null ? "" : $"　　导出人：{ExportedBy}");
}
