using ReliefPlatform.Assessment.Domain;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>
/// The needs ledger (需求台账) as a township prints, signs and files it: names rather than codes (townships from the
/// county's configuration, difficulty types and needs from the instrument), and the household number of the
/// monitoring platform (户编号) rather than an internal id.
/// </summary>
public sealed class NeedsLedgerWorkbook(CountyOptions county, Instrument instrument)
{
    /// <summary>Shown for a household registered on application (依申请), which has no monitoring-platform number.</summary>
    public const string NoMonitoringNumber = "依申请登记";

    public static readonly IReadOnlyList<WorkbookColumn> Columns =
    [
        new("户编号"), new("乡镇"), new("村（社区）代码"), new("类别"), new("状态"), new("人口数", CellKind.Count), new("户主"), new("户主身份证号"),
        new("困境程度"), new("困境类型"), new("服务需求"), new("评估日期", CellKind.Date), new("复评到期", CellKind.Date), new("复评逾期"),
    ];

    private readonly Dictionary<string, string> _types = instrument.DifficultyTypes.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);

    // A need is named by the answer that states it alone; the stated-requests dimension (weight 0: 助餐, 助浴 …) first.
    private readonly Dictionary<string, string> _needs = instrument.Dimensions.OrderBy(d => d.Weight > 0)
        .SelectMany(d => d.Indicators).SelectMany(i => i.Options).Where(o => o.NeedCodes.Count == 1)
        .GroupBy(o => o.NeedCodes[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);

    public static string Title(string countyName, DateOnly today, bool unmasked) =>
        $"{countyName}服务类社会救助需求台账（截至{today.Year}年{today.Month}月{today.Day}日）" + (unmasked ? "（含完整身份信息，审计导出）" : "");

    public static WorkbookHeading Heading(string countyName, DateOnly today, string? exportedBy) => new($"{countyName}民政局", today, exportedBy);

    public IReadOnlyList<object?> Row(Household h, DateOnly today, (string Name, string IdNumber)? unmasked) =>
    [
        h.ExternalRef ?? NoMonitoringNumber,
        county.FindTownship(h.TownshipCode)?.Name ?? h.TownshipCode,
        h.VillageCode,
        h.Category.ChineseName(),
        h.Status == HouseholdStatus.Active ? "在册" : "已退出",
        h.MemberCount,
        unmasked?.Name ?? h.HeadMaskedName,
        unmasked?.IdNumber ?? h.HeadMaskedIdNumber,
        h.Degree?.ChineseName(),
        string.Join('、', h.DifficultyTypes.Select(t => _types.GetValueOrDefault(t, t))),
        string.Join('、', h.NeedCodes.Select(n => _needs.GetValueOrDefault(n, n))),
        h.AssessedOn,
        h.ReassessmentDueOn,
        h.ReassessmentDueOn is null ? null : h.ReassessmentDueOn < today ? "是" : "否",
    ];
}
