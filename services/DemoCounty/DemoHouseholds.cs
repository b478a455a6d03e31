using System.Globalization;
using System.Text;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Demo;

/// <summary>A generated person as the monitoring file lists them.</summary>
public sealed record DemoPerson(string IdNumber, string Name, string Relationship, int Age, string DisabilityType, int? DisabilityGrade);

/// <summary>A generated household: where it lives, its category, its people and what the monitoring file says of it.</summary>
public sealed record DemoHousehold(
    string Ref, string TownshipCode, string VillageCode, string Category, IReadOnlyList<DemoPerson> Members, int MonthlyIncome, int MedicalSpending,
    bool LivingAlone, string Signals);

/// <summary>
/// The demo county's households, generated from the seed number: made-up people with valid ID numbers (born in the
/// county, check digit right), the categories of a real county's rolls in believable shares (低保 most, 特困供养 mostly old
/// and alone, 低保边缘, 防返贫监测对象 …), ages, disabilities with grades, living alone, and the odd risk signal.
/// </summary>
public static class DemoHouseholds
{
    public const string Header = "户编号,身份证号,姓名,与户主关系,乡镇代码,村代码,类别,月人均收入,年医疗支出,残疾类别,残疾等级,独居,风险信号";

    private static readonly (string Category, double Share)[] Categories =
    [
        ("低保", 0.52), ("特困供养", 0.12), ("低保边缘", 0.14), ("防返贫监测对象", 0.13), ("刚性支出困难", 0.06), ("其他困难", 0.03),
    ];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "程", "汪", "储", "余", "潘", "杜", "戴", "夏",
    ];

    private static readonly string[] MaleGiven = ["德厚", "大山", "建国", "志强", "国华", "明", "伟", "军", "勇", "家宝", "春生", "长青", "世昌", "永福", "学文", "少华", "传贵", "振", "涛", "磊"];

    private static readonly string[] FemaleGiven = ["秀英", "桂兰", "玉梅", "淑珍", "春花", "凤英", "丽", "芳", "静", "敏", "晓燕", "红梅", "小琴", "翠兰", "海燕", "婷", "佳", "雪", "慧", "霞"];

    private static readonly string[] DisabilityTypes = ["肢体", "肢体", "肢体", "视力", "听力", "言语", "智力", "精神", "多重"];

    private static readonly string[] SignalWords = ["住院", "大病", "受灾", "失业", "意外事故"];

    public static IReadOnlyList<DemoHousehold> Generate(int seedNumber, int households, IReadOnlyList<Township> townships, DateOnly today)
    {
        var random = new Random(seedNumber);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<DemoHousehold>(households);
        for (var i = 0; i < households; i++)
        {
            var township = townships[i % townships.Count];
            var village = township.Villages[random.Next(township.Villages.Count)];
            var category = Pick(random, Categories);
            var size = category == "特困供养" ? (random.NextDouble() < 0.85 ? 1 : 2) : Size(random);
            var headAge = category == "特困供养" ? random.Next(60, 96) : Math.Min(95, 28 + (int)(Math.Sqrt(random.NextDouble()) * 62));
            var headMale = random.NextDouble() < 0.62;
            var surname = Surnames[random.Next(Surnames.Length)];
            var members = new List<DemoPerson> { Person(random, used, today, surname, headAge, headMale, "户主") };
            var spouseAdded = false;
            for (var m = 1; m < size; m++)
            {
                if (!spouseAdded && headAge >= 22 && random.NextDouble() < 0.8)
                {
                    spouseAdded = true;
                    members.Add(Person(random, used, today, Surnames[random.Next(Surnames.Length)], Math.Clamp(headAge + random.Next(-5, 6), 20, 98), !headMale, "配偶"));
                }
                else if (headAge >= 60 && random.NextDouble() < 0.35)
                {
                    members.Add(Person(random, used, today, surname, random.Next(3, 17), random.NextDouble() < 0.5, "孙子女"));
                }
                else if (headAge < 45 && random.NextDouble() < 0.3)
                {
                    members.Add(Person(random, used, today, surname, Math.Min(98, headAge + random.Next(22, 32)), random.NextDouble() < 0.45, "父母"));
                }
                else
                {
                    var childAge = Math.Max(0, headAge - random.Next(22, 36));
                    members.Add(Person(random, used, today, surname, childAge, random.NextDouble() < 0.5, "子女"));
                }
            }

            var livingAlone = members.Count == 1 && headAge >= 60;
            var income = category switch
            {
                "特困供养" => random.Next(0, 450),
                "低保" => random.Next(200, 760),
                "低保边缘" => random.Next(760, 1150),
                _ => random.Next(500, 1600),
            };
            // Most households spend little on medicine against their income; about one in twelve carries a heavy bill (a 住院或大额医疗支出 alert).
            var medicalDraw = random.NextDouble();
            var medical = medicalDraw < 0.08 ? random.Next(10, 60) * 1000 : medicalDraw < 0.6 ? random.Next(0, 1 + (income * 12 * 4 / 1000)) * 100 : 0;
            var signals = random.NextDouble() < 0.04 ? SignalWords[random.Next(SignalWords.Length)] : "";
            result.Add(new DemoHousehold($"DEMO{seedNumber % 10000:D4}{i:D6}", township.Code, village.Code, category, members, income, medical, livingAlone, signals));
        }

        return result;
    }

    /// <summary>The monitoring file (CSV, UTF-8) of the households, as the county's monitoring system would export it.</summary>
    public static string Csv(IEnumerable<DemoHousehold> households)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var h in households)
        {
            foreach (var p in h.Members)
            {
                text.AppendJoin(',', h.Ref, p.IdNumber, p.Name, p.Relationship, h.TownshipCode, h.VillageCode, h.Category,
                    h.MonthlyIncome.ToString(CultureInfo.InvariantCulture), h.MedicalSpending.ToString(CultureInfo.InvariantCulture), p.DisabilityType,
                    p.DisabilityGrade?.ToString(CultureInfo.InvariantCulture) ?? "", h.LivingAlone ? "是" : "否", p.Relationship == "户主" ? h.Signals : "").Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static DemoPerson Person(Random random, HashSet<string> used, DateOnly today, string surname, int age, bool male, string relationship)
    {
        var birth = today.AddYears(-age).AddDays(-random.Next(1, 360));
        string id;
        do
        {
            // The sequence's last digit is odd for men, even for women (GB 11643).
            var sequence = (random.Next(0, 500) * 2) + (male ? 1 : 0);
            id = IdNumber.Compose("341525", birth, sequence);
        }
        while (!used.Add(id));

        var given = male ? MaleGiven : FemaleGiven;
        var name = surname + given[random.Next(given.Length)];
        var disabilityChance = age >= 75 ? 0.22 : age >= 60 ? 0.12 : 0.06;
        var disabled = random.NextDouble() < disabilityChance;
        return new DemoPerson(id, name, relationship, age, disabled ? DisabilityTypes[random.Next(DisabilityTypes.Length)] : "",
            disabled ? 1 + Math.Min(3, (int)(random.NextDouble() * random.NextDouble() * 4.5) + (random.NextDouble() < 0.5 ? 1 : 0)) : null);
    }

    private static int Size(Random random)
    {
        var x = random.NextDouble();
        return x < 0.22 ? 1 : x < 0.52 ? 2 : x < 0.74 ? 3 : x < 0.90 ? 4 : 5;
    }

    private static string Pick(Random random, (string Category, double Share)[] shares)
    {
        var x = random.NextDouble();
        foreach (var (category, share) in shares)
        {
            if ((x -= share) < 0)
            {
                return category;
            }
        }

        return shares[^1].Category;
    }
}
