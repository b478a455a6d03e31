using System.Collections.Frozen;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>A column's suggested field and why: by its name, or by what its values look like.</summary>
public sealed record SuggestedColumn(int Column, MonitoringField Field, string By);

/// <summary>
/// Suggests how an unknown source's columns map to the registry's fields — first by the column's name (身份证 in
/// “户主身份证号”), then by sampling its values (18-digit numbers whose check digit holds → 身份证号; the county's township
/// names → 乡镇) — and how its words map to the registry's (“低保户” → 低保). A clerk confirms or corrects it.
/// </summary>
public static class MappingSuggestion
{
    /// <summary>Share of a column's sampled values that must fit a field for the values to suggest it.</summary>
    public const double ValueShare = 0.6;

    // Checked in order: the first keyword a name contains decides (残疾类别 before 类别, 身份证 before 姓名).
    private static readonly (string Keyword, MonitoringField Field)[] Keywords =
    [
        ("残疾等级", MonitoringField.DisabilityGrade), ("残疾级别", MonitoringField.DisabilityGrade), ("残疾类", MonitoringField.DisabilityType),
        ("身份证", MonitoringField.IdNumber), ("证件号", MonitoringField.IdNumber), ("身份号码", MonitoringField.IdNumber),
        ("关系", MonitoringField.Relationship), ("姓名", MonitoringField.Name),
        ("户编号", MonitoringField.HouseholdRef), ("户号", MonitoringField.HouseholdRef), ("家庭编号", MonitoringField.HouseholdRef), ("户代码", MonitoringField.HouseholdRef),
        ("乡镇", MonitoringField.TownshipCode), ("街道", MonitoringField.TownshipCode),
        ("村", MonitoringField.VillageCode), ("社区", MonitoringField.VillageCode),
        ("类别", MonitoringField.Category), ("类型", MonitoringField.Category), ("属性", MonitoringField.Category),
        ("收入", MonitoringField.MonthlyIncome), ("医疗", MonitoringField.MedicalExpense), ("独居", MonitoringField.LivingAlone),
        ("监护", MonitoringField.HasEffectiveGuardian), ("风险", MonitoringField.RiskSignals), ("政策", MonitoringField.Benefits), ("待遇", MonitoringField.Benefits),
        ("就业", MonitoringField.EmploymentStatus), ("工作状况", MonitoringField.EmploymentStatus),
    ];

    /// <summary>Words other sources use for the registry's values.</summary>
    public static readonly FrozenDictionary<MonitoringField, FrozenDictionary<string, string>> KnownWords = new Dictionary<MonitoringField, FrozenDictionary<string, string>>
    {
        [MonitoringField.Category] = new Dictionary<string, string>
        {
            ["低保户"] = "低保", ["低保对象"] = "低保", ["城市低保"] = "低保", ["农村低保"] = "低保", ["城乡低保"] = "低保",
            ["特困户"] = "特困供养", ["特困人员"] = "特困供养", ["特困"] = "特困供养", ["五保户"] = "特困供养", ["五保"] = "特困供养", ["分散供养特困"] = "特困供养",
            ["低保边缘户"] = "低保边缘", ["边缘户"] = "低保边缘", ["低保边缘家庭"] = "低保边缘",
            ["支出型困难"] = "刚性支出困难", ["支出型困难家庭"] = "刚性支出困难", ["刚性支出困难家庭"] = "刚性支出困难",
            ["监测户"] = "防返贫监测对象", ["防返贫监测户"] = "防返贫监测对象", ["监测对象"] = "防返贫监测对象", ["脱贫不稳定户"] = "防返贫监测对象", ["边缘易致贫户"] = "防返贫监测对象",
        }.ToFrozenDictionary(),
        [MonitoringField.Relationship] = new Dictionary<string, string>
        {
            ["本人"] = "户主", ["户主本人"] = "户主", ["妻"] = "配偶", ["妻子"] = "配偶", ["夫"] = "配偶", ["丈夫"] = "配偶",
            ["子"] = "子女", ["女"] = "子女", ["儿子"] = "子女", ["女儿"] = "子女", ["长子"] = "子女", ["长女"] = "子女", ["次子"] = "子女", ["次女"] = "子女",
            ["父亲"] = "父母", ["母亲"] = "父母", ["父"] = "父母", ["母"] = "父母",
            ["孙子"] = "孙子女", ["孙女"] = "孙子女", ["外孙子"] = "孙子女", ["外孙女"] = "孙子女",
            ["兄"] = "兄弟姐妹", ["弟"] = "兄弟姐妹", ["姐"] = "兄弟姐妹", ["妹"] = "兄弟姐妹", ["哥哥"] = "兄弟姐妹", ["弟弟"] = "兄弟姐妹", ["姐姐"] = "兄弟姐妹", ["妹妹"] = "兄弟姐妹",
            ["儿媳"] = "其他", ["女婿"] = "其他", ["祖父"] = "其他", ["祖母"] = "其他",
        }.ToFrozenDictionary(),
        [MonitoringField.EmploymentStatus] = new Dictionary<string, string>
        {
            ["外出务工"] = "在业", ["企业职工"] = "在业", ["打零工"] = "灵活就业", ["零工"] = "灵活就业", ["在家务农"] = "务农", ["农民"] = "务农",
            ["无工作"] = "失业", ["下岗"] = "失业", ["下岗失业"] = "失业", ["在读"] = "在校学生", ["丧失劳动力"] = "丧失劳动能力",
        }.ToFrozenDictionary(),
    }.ToFrozenDictionary();

    /// <param name="names">Each column's header name.</param>
    /// <param name="samples">Each column's values in the first data rows.</param>
    public static List<SuggestedColumn> Columns(IReadOnlyList<string?> names, IReadOnlyList<IReadOnlyList<string>> samples, CountyOptions county, DateOnly today)
    {
        var chosen = new List<SuggestedColumn>();
        bool Free(int column, MonitoringField field) => chosen.All(s => s.Column != column && s.Field != field);

        for (var c = 0; c < names.Count; c++)
        {
            var field = ImportMapping.Standard.FieldOf(names[c]) ?? Keywords.Where(k => names[c]?.Contains(k.Keyword, StringComparison.Ordinal) == true).Select(k => (MonitoringField?)k.Field).FirstOrDefault();
            if (field is { } f && Free(c, f))
            {
                chosen.Add(new SuggestedColumn(c, f, "name"));
            }
        }

        var byValues = new (MonitoringField Field, Func<string, bool> Fits)[]
        {
            (MonitoringField.IdNumber, v => IdNumber.TryParse(v, today, out _, out _)),
            (MonitoringField.TownshipCode, v => county.FindTownship(v) is not null || county.Townships.Any(t => MonitoringRowParser.Named(t.Name, v))),
            (MonitoringField.VillageCode, v => county.FindVillage(v) is not null || county.Townships.Any(t => t.Villages.Any(village => MonitoringRowParser.Named(village.Name, v)))),
            (MonitoringField.Category, v => HouseholdCategoryNames.TryParse(v, out _) || KnownWords[MonitoringField.Category].ContainsKey(v)),
            (MonitoringField.Relationship, v => ChineseNames.TryParse(v, out Relationship _) || KnownWords[MonitoringField.Relationship].ContainsKey(v)),
        };
        foreach (var (field, fits) in byValues)
        {
            for (var c = 0; c < samples.Count; c++)
            {
                if (Free(c, field) && samples[c].Count > 0 && samples[c].Count(fits) >= ValueShare * samples[c].Count)
                {
                    chosen.Add(new SuggestedColumn(c, field, "values"));
                    break;
                }
            }
        }

        return [.. chosen.OrderBy(s => s.Column)];
    }

    /// <summary>For a coded field, the sampled values the registry does not read as they are: the known word for each, or null.</summary>
    public static Dictionary<string, string?> Words(MonitoringField field, IEnumerable<string> values)
    {
        var words = new Dictionary<string, string?>();
        Func<string, bool>? reads = field switch
        {
            MonitoringField.Category => v => HouseholdCategoryNames.TryParse(v, out _),
            MonitoringField.Relationship => v => ChineseNames.TryParse(v, out Relationship _),
            MonitoringField.EmploymentStatus => v => ChineseNames.TryParse(v, out EmploymentStatus _),
            _ => null,
        };
        if (reads is null)
        {
            return words;
        }

        foreach (var value in values.Distinct().Where(v => !reads(v)))
        {
            words[value] = KnownWords[field].TryGetValue(value, out var known) ? known : null;
        }

        return words;
    }
}
