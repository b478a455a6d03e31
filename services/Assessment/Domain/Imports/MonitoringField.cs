using System.Collections.Frozen;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>The columns of a monitoring file; CSV headers may use the English code or the platform's Chinese name.</summary>
public enum MonitoringField
{
    HouseholdRef,
    IdNumber,
    Name,
    Relationship,
    TownshipCode,
    VillageCode,
    Category,
    MonthlyIncome,
    MedicalExpense,
    DisabilityType,
    DisabilityGrade,
    LivingAlone,
    HasEffectiveGuardian,
    RiskSignals,
    Benefits,
    EmploymentStatus,
}

public static class MonitoringFields
{
    public static readonly int Count = Enum.GetValues<MonitoringField>().Length;

    public static readonly IReadOnlyList<MonitoringField> Required =
    [
        MonitoringField.HouseholdRef, MonitoringField.IdNumber, MonitoringField.Name, MonitoringField.Relationship,
        MonitoringField.TownshipCode, MonitoringField.VillageCode, MonitoringField.Category,
    ];

    /// <summary>Header names as they appear in files: camelCase codes and the platform's Chinese column names.</summary>
    public static readonly FrozenDictionary<string, MonitoringField> ByHeader = Build();

    public static string JsonName(this MonitoringField field) => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];

    public static string ChineseName(this MonitoringField field) => field switch
    {
        MonitoringField.HouseholdRef => "户编号",
        MonitoringField.IdNumber => "身份证号",
        MonitoringField.Name => "姓名",
        MonitoringField.Relationship => "与户主关系",
        MonitoringField.TownshipCode => "乡镇代码",
        MonitoringField.VillageCode => "村代码",
        MonitoringField.Category => "类别",
        MonitoringField.MonthlyIncome => "月人均收入",
        MonitoringField.MedicalExpense => "年医疗支出",
        MonitoringField.DisabilityType => "残疾类别",
        MonitoringField.DisabilityGrade => "残疾等级",
        MonitoringField.LivingAlone => "独居",
        MonitoringField.HasEffectiveGuardian => "有效监护",
        MonitoringField.RiskSignals => "风险信号",
        MonitoringField.Benefits => "现有政策",
        MonitoringField.EmploymentStatus => "就业状况",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static FrozenDictionary<string, MonitoringField> Build()
    {
        var headers = new Dictionary<string, MonitoringField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in Enum.GetValues<MonitoringField>())
        {
            headers[field.JsonName()] = field;
            headers[field.ChineseName()] = field;
        }

        headers["家庭编号"] = MonitoringField.HouseholdRef;
        headers["公民身份号码"] = MonitoringField.IdNumber;
        headers["村（社区）代码"] = MonitoringField.VillageCode;
        headers["救助类别"] = MonitoringField.Category;
        headers["月收入"] = MonitoringField.MonthlyIncome;
        headers["医疗支出"] = MonitoringField.MedicalExpense;
        headers["享受政策"] = MonitoringField.Benefits;
        // As the provincial platform's and other bureaus' workbooks name them (names or codes both read: see the parser).
        headers["户号"] = MonitoringField.HouseholdRef;
        headers["身份证号码"] = MonitoringField.IdNumber;
        headers["证件号码"] = MonitoringField.IdNumber;
        headers["乡镇"] = MonitoringField.TownshipCode;
        headers["乡镇（街道）"] = MonitoringField.TownshipCode;
        headers["乡镇名称"] = MonitoringField.TownshipCode;
        headers["村（社区）"] = MonitoringField.VillageCode;
        headers["村（居）"] = MonitoringField.VillageCode;
        headers["村名称"] = MonitoringField.VillageCode;
        headers["行政村"] = MonitoringField.VillageCode;
        headers["人员类别"] = MonitoringField.Category;
        headers["对象类别"] = MonitoringField.Category;
        headers["监测对象类别"] = MonitoringField.Category;
        headers["残疾类型"] = MonitoringField.DisabilityType;
        headers["是否独居"] = MonitoringField.LivingAlone;
        headers["已享受政策"] = MonitoringField.Benefits;
        headers["就业状态"] = MonitoringField.EmploymentStatus;
        headers["就业情况"] = MonitoringField.EmploymentStatus;
        return headers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
