using System.Globalization;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>
/// Checks one monitoring row field by field, the way the registry checks a registration, and either returns
/// the whole row or its errors — a row is never taken in part.
/// </summary>
/// <param name="policies">The existing policies (code, Chinese name) a <c>现有政策</c> column may name; null when they could not be read, so a row naming one is refused for now.</param>
public sealed partial class MonitoringRowParser(CountyOptions county, DateOnly today, IReadOnlyList<(string Code, string Name)>? policies = null)
{
    public const int MaxHouseholdRefLength = 40;
    public const decimal MaxAmount = 10_000_000m;

    /// <param name="fields">The row's values indexed by <see cref="MonitoringField"/>; null where the file has no such column or value.</param>
    public MonitoredRow? Parse(long line, string?[] fields, List<RowError> errors)
    {
        var before = errors.Count;
        var householdRef = fields[(int)MonitoringField.HouseholdRef]?.Trim();
        void Error(MonitoringField field, string message) => errors.Add(new RowError(line, field.ChineseName(), message, householdRef));

        if (string.IsNullOrEmpty(householdRef) || householdRef.Length > MaxHouseholdRefLength)
        {
            Error(MonitoringField.HouseholdRef, $"户编号不能为空，且不超过{MaxHouseholdRefLength}个字符。");
        }

        var name = fields[(int)MonitoringField.Name];
        if (PersonName.Problem(name) is { } nameProblem)
        {
            Error(MonitoringField.Name, nameProblem);
        }

        IdNumber idNumber;
        if (ScientificNotation().IsMatch(fields[(int)MonitoringField.IdNumber]?.Trim() ?? ""))
        {
            Error(MonitoringField.IdNumber, "身份证号被 Excel 存成了数字（科学计数法，如 3.41525E+17），后几位已经丢失，无法导入；请在原表中把该列设为“文本”后重新录入。");
            idNumber = default!;
        }
        else if (!IdNumber.TryParse(fields[(int)MonitoringField.IdNumber], today, out idNumber, out var idError))
        {
            Error(MonitoringField.IdNumber, idError.Message);
        }
        else if (idNumber.AgeOn(today) > 120)
        {
            Error(MonitoringField.IdNumber, "按身份证号计算年龄超过120岁，请核对。");
        }

        if (!ChineseNames.TryParse(fields[(int)MonitoringField.Relationship], out Relationship relationship))
        {
            Error(MonitoringField.Relationship, "与户主关系应为：户主、配偶、子女、父母、孙子女、兄弟姐妹、其他之一。");
        }

        var townshipCode = fields[(int)MonitoringField.TownshipCode]?.Trim();
        var township = county.FindTownship(townshipCode) ?? county.Townships.SingleOrDefault(t => Named(t.Name, townshipCode));
        if (township is null)
        {
            Error(MonitoringField.TownshipCode, string.IsNullOrEmpty(townshipCode) ? "请填写乡镇（名称或代码）。" : $"“{townshipCode}”不是{county.Name}的乡镇（可填乡镇名称或9位代码）。");
        }

        var villageCode = fields[(int)MonitoringField.VillageCode]?.Trim();
        if (township is not null && !string.IsNullOrEmpty(villageCode) && !villageCode.All(char.IsAsciiDigit))
        {
            // A village by its name, among its township's.
            var named = township.Villages.Where(v => Named(v.Name, villageCode)).ToList();
            if (named.Count == 1)
            {
                villageCode = named[0].Code;
            }
            else
            {
                Error(MonitoringField.VillageCode, $"“{villageCode}”不是{township.Name}的村（社区）；可选：{string.Join("、", township.Villages.Take(12).Select(v => v.Name))}{(township.Villages.Count > 12 ? "等" : "")}。");
            }
        }
        else if (villageCode is null || villageCode.Length != 12 || !villageCode.All(char.IsAsciiDigit))
        {
            Error(MonitoringField.VillageCode, "村（社区）应填名称或12位代码。");
        }
        else if (township is not null && VillagePlace.Problem(township, villageCode) is { } villageProblem)
        {
            Error(MonitoringField.VillageCode, villageProblem);
        }

        if (!HouseholdCategoryNames.TryParse(fields[(int)MonitoringField.Category], out var category))
        {
            Error(MonitoringField.Category, "类别应为：低保、特困供养、低保边缘、刚性支出困难、防返贫监测对象、其他困难之一。");
        }

        var income = Amount(fields, MonitoringField.MonthlyIncome, Error);
        var medical = Amount(fields, MonitoringField.MedicalExpense, Error);

        DisabilityType? disability = null;
        var disabilityText = fields[(int)MonitoringField.DisabilityType];
        if (!string.IsNullOrWhiteSpace(disabilityText))
        {
            if (ChineseNames.TryParse(disabilityText, out DisabilityType parsed))
            {
                disability = parsed;
            }
            else
            {
                Error(MonitoringField.DisabilityType, "残疾类别应为：视力、听力、言语、肢体、智力、精神、多重之一。");
            }
        }

        int? grade = null;
        var gradeText = fields[(int)MonitoringField.DisabilityGrade]?.Trim();
        if (!string.IsNullOrEmpty(gradeText))
        {
            grade = gradeText switch
            {
                "1" or "一级" => 1,
                "2" or "二级" => 2,
                "3" or "三级" => 3,
                "4" or "四级" => 4,
                _ => null,
            };
            if (grade is null)
            {
                Error(MonitoringField.DisabilityGrade, "残疾等级应为1到4级。");
            }
        }

        if ((grade is null) != (disability is null) && errors.Count == before)
        {
            Error(MonitoringField.DisabilityGrade, "残疾类别和残疾等级须同时填写。");
        }

        var livingAlone = Flag(fields, MonitoringField.LivingAlone, Error) ?? false;
        var guardian = Flag(fields, MonitoringField.HasEffectiveGuardian, Error);

        var signals = new List<string>();
        var signalText = fields[(int)MonitoringField.RiskSignals];
        if (!string.IsNullOrWhiteSpace(signalText))
        {
            foreach (var part in signalText.Split([';', '；', '|', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (RiskSignals.TryParse(part, out var code))
                {
                    if (!signals.Contains(code))
                    {
                        signals.Add(code);
                    }
                }
                else
                {
                    Error(MonitoringField.RiskSignals, $"风险信号应为：{string.Join("、", RiskSignals.ByChineseName.Keys)}，多个用分号分隔。");
                    break;
                }
            }
        }

        var benefits = Benefits(fields[(int)MonitoringField.Benefits], Error);

        EmploymentStatus? employment = null;
        var employmentText = fields[(int)MonitoringField.EmploymentStatus]?.Trim();
        if (!string.IsNullOrEmpty(employmentText))
        {
            if (ChineseNames.TryParse(employmentText, out EmploymentStatus parsed))
            {
                employment = parsed;
            }
            else
            {
                Error(MonitoringField.EmploymentStatus, ChineseNames.EmploymentStatusProblem);
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        signals.Sort(StringComparer.Ordinal);
        return new MonitoredRow(
            line, householdRef!, township!.Code, villageCode!, category, name!.Trim(), idNumber, relationship, income, medical, disability, grade,
            livingAlone, idNumber.AgeOn(today) < 18 ? guardian : null, signals, benefits, employment);
    }

    /// <summary>The policy codes a 现有政策 cell names (codes or Chinese names, separated by 、 ; or |); empty for an empty cell, null without the column.</summary>
    private List<string>? Benefits(string? text, Action<MonitoringField, string> error)
    {
        if (text is null)
        {
            return null;
        }

        var codes = new List<string>();
        foreach (var part in text.Split([';', '；', '|', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (policies is null)
            {
                error(MonitoringField.Benefits, "暂时无法核对现有政策，请稍后重新导入。");
                return null;
            }

            var policy = policies.FirstOrDefault(p => p.Code == part || p.Name == part);
            if (policy.Code is null)
            {
                error(MonitoringField.Benefits, $"现有政策“{part}”不存在；可选：{string.Join("、", policies.Select(p => p.Name))}，多个用顿号分隔。");
                return null;
            }

            if (!codes.Contains(policy.Code))
            {
                codes.Add(policy.Code);
            }
        }

        codes.Sort(StringComparer.Ordinal);
        return codes;
    }

    /// <summary>A place's name as files write it: in full, or without the county's sample mark （示例） or the township's 镇/乡.</summary>
    public static bool Named(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var plain = name.Replace("（示例）", "", StringComparison.Ordinal);
        return text == name || text == plain || (plain.Length > 2 && (plain.EndsWith('镇') || plain.EndsWith('乡')) && text == plain[..^1]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d(\.\d+)?[eE]\+?\d+$")]
    private static partial System.Text.RegularExpressions.Regex ScientificNotation();

    private static decimal? Amount(string?[] fields, MonitoringField field, Action<MonitoringField, string> error)
    {
        var text = fields[(int)field]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > MaxAmount
            || decimal.Round(amount, 2) != amount)
        {
            error(field, $"{field.ChineseName()}应为不小于0的金额（元，最多两位小数）。");
            return null;
        }

        return amount;
    }

    private static bool? Flag(string?[] fields, MonitoringField field, Action<MonitoringField, string> error)
    {
        var text = fields[(int)field]?.Trim();
        switch (text)
        {
            case null or "":
                return null;
            case "是" or "1" or "true" or "True" or "TRUE" or "Y" or "y":
                return true;
            case "否" or "0" or "false" or "False" or "FALSE" or "N" or "n":
                return false;
            default:
                error(field, $"{field.ChineseName()}应填“是”或“否”。");
                return null;
        }
    }
}
