using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Funding.Apis;

/// <summary>
/// The monthly supervision report (监管指标月报): one sheet per dimension, townships by name, purchase projects by
/// code and name. Items and providers are shown by code: Funding does not hold their names.
/// </summary>
public static class KpiReportWorkbook
{
    public static readonly IReadOnlyList<WorkbookColumn> Measures =
    [
        new("评估户数", CellKind.Count), new("有需求户数", CellKind.Count), new("已服务户数", CellKind.Count), new("覆盖率", CellKind.Share),
        new("需求到首次服务天数", CellKind.Number), new("未满足需求", CellKind.Count), new("派发工单", CellKind.Count), new("已服务", CellKind.Count),
        new("时长不足", CellKind.Count), new("记录不全", CellKind.Count), new("已确认", CellKind.Count), new("满意度均值", CellKind.Number),
        new("满意（4分及以上）占比", CellKind.Share), new("投诉", CellKind.Count), new("办结投诉", CellKind.Count), new("平均办结天数", CellKind.Number),
        new("本月预留（元）", CellKind.Money), new("本月确认服务金额（元）", CellKind.Money), new("本月拨付支出（元）", CellKind.Money), new("预算（元）", CellKind.Money), new("累计支出（元）", CellKind.Money), new("预算执行率", CellKind.Share),
        new("无偿服务小时", CellKind.Number), new("无偿服务折算（元）", CellKind.Money),
    ];

    public static string Title(string countyName, DateOnly month, string by, string? projectCode) =>
        $"{countyName}服务类社会救助监管指标月报（{month.Year}年{month.Month}月，按{by}）" + (projectCode is null ? "" : $"（购买项目{projectCode}）");

    /// <summary>The four sheets, each keyed by name (and code where a reader needs it) before the measures.</summary>
    public static IReadOnlyList<WorkbookSheet> Sheets(
        CountyOptions county, DateOnly month, string? projectCode, IReadOnlyDictionary<KpiDimension, IReadOnlyList<KpiRow>> rows,
        IReadOnlyDictionary<string, string> projectNames) =>
    [
        Sheet("乡镇", county, month, projectCode, [new("乡镇")], rows[KpiDimension.Township], r => [county.FindTownship(r.Key)?.Name ?? r.Key]),
        Sheet("服务项目", county, month, projectCode, [new("服务项目编码")], rows[KpiDimension.Item], r => [r.Key]),
        Sheet("服务机构", county, month, projectCode, [new("服务机构编号")], rows[KpiDimension.Provider], r => [r.Key]),
        Sheet("购买项目", county, month, projectCode, [new("项目编号"), new("项目名称")], rows[KpiDimension.Project],
            r => [r.Key, projectNames.GetValueOrDefault(r.Key)]),
    ];

    private static WorkbookSheet Sheet(
        string by, CountyOptions county, DateOnly month, string? projectCode, IReadOnlyList<WorkbookColumn> keys, IReadOnlyList<KpiRow> rows,
        Func<KpiRow, object?[]> key) =>
        new(by, Title(county.Name, month, by, projectCode), [.. keys, .. Measures], [.. rows.Select(r => (IReadOnlyList<object?>)[.. key(r), .. Values(r)])]);

    private static object?[] Values(KpiRow r) =>
    [
        r.HouseholdsAssessed, r.HouseholdsWithNeeds, r.HouseholdsServed, r.Coverage, r.DaysNeedToFirstService, r.UnmetNeeds, r.OrdersCreated,
        r.ServicesDelivered, r.FlaggedShort, r.RecordsIncomplete, r.ServicesConfirmed, r.SatisfactionMean, r.SatisfiedShare, r.Complaints,
        r.ComplaintsClosed, r.ResolutionDaysMean, r.CommittedThisMonth, r.ConfirmedThisMonth, r.PaidThisMonth, r.Budget, r.SpentToDate, r.SpendRate, r.FreeServiceHours, r.FreeServiceValue,
    ];
}
