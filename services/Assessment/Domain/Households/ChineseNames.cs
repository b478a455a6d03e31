using System.Collections.Frozen;

namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>Chinese names of the registry's codes, as staff and the monitoring platform write them; either form is accepted.</summary>
public static class ChineseNames
{
    private static readonly FrozenDictionary<Relationship, string> Relationships = new Dictionary<Relationship, string>
    {
        [Relationship.Head] = "户主",
        [Relationship.Spouse] = "配偶",
        [Relationship.Child] = "子女",
        [Relationship.Parent] = "父母",
        [Relationship.Grandchild] = "孙子女",
        [Relationship.Sibling] = "兄弟姐妹",
        [Relationship.Other] = "其他",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<DisabilityType, string> Disabilities = new Dictionary<DisabilityType, string>
    {
        [DisabilityType.Visual] = "视力",
        [DisabilityType.Hearing] = "听力",
        [DisabilityType.Speech] = "言语",
        [DisabilityType.Physical] = "肢体",
        [DisabilityType.Intellectual] = "智力",
        [DisabilityType.Mental] = "精神",
        [DisabilityType.Multiple] = "多重",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<EmploymentStatus, string> Employment = new Dictionary<EmploymentStatus, string>
    {
        [EmploymentStatus.Employed] = "在业",
        [EmploymentStatus.FlexiblyEmployed] = "灵活就业",
        [EmploymentStatus.Farming] = "务农",
        [EmploymentStatus.Unemployed] = "失业",
        [EmploymentStatus.Retired] = "退休",
        [EmploymentStatus.Student] = "在校学生",
        [EmploymentStatus.UnableToWork] = "丧失劳动能力",
    }.ToFrozenDictionary();

    /// <summary>Other ways files and staff write the same status.</summary>
    private static readonly FrozenDictionary<string, EmploymentStatus> EmploymentAliases = new Dictionary<string, EmploymentStatus>
    {
        ["就业"] = EmploymentStatus.Employed,
        ["在职"] = EmploymentStatus.Employed,
        ["务工"] = EmploymentStatus.Employed,
        ["灵活就业人员"] = EmploymentStatus.FlexiblyEmployed,
        ["务农人员"] = EmploymentStatus.Farming,
        ["失业人员"] = EmploymentStatus.Unemployed,
        ["无业"] = EmploymentStatus.Unemployed,
        ["待业"] = EmploymentStatus.Unemployed,
        ["离退休"] = EmploymentStatus.Retired,
        ["学生"] = EmploymentStatus.Student,
        ["无劳动能力"] = EmploymentStatus.UnableToWork,
    }.ToFrozenDictionary();

    public static string ChineseName(this Relationship relationship) => Relationships[relationship];

    public static string ChineseName(this EmploymentStatus status) => Employment[status];

    /// <summary>Why a value is not an employment status (zh-CN), as the registration and the import say it.</summary>
    public static readonly string EmploymentStatusProblem = $"就业状况应为：{string.Join("、", Enum.GetValues<EmploymentStatus>().Select(s => s.ChineseName()))}之一。";

    /// <summary>Accepts the registry's names (失业), common other names (无业, 在职) and the codes (<c>Unemployed</c>).</summary>
    public static bool TryParse(string? value, out EmploymentStatus status)
    {
        if (value is not null && EmploymentAliases.TryGetValue(value.Trim(), out status))
        {
            return true;
        }

        return TryParse(Employment, value, out status);
    }

    public static string ChineseName(this DisabilityType type) => Disabilities[type];

    public static bool TryParse(string? value, out Relationship relationship) => TryParse(Relationships, value, out relationship);

    /// <summary>Accepts 肢体 and 肢体残疾 as well as <c>Physical</c>.</summary>
    public static bool TryParse(string? value, out DisabilityType type) =>
        TryParse(Disabilities, value?.Trim().TrimEnd('残', '疾').Trim(), out type);

    internal static bool TryParse<TEnum>(IReadOnlyDictionary<TEnum, string> names, string? value, out TEnum parsed) where TEnum : struct, Enum
    {
        parsed = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        foreach (var (key, name) in names)
        {
            if (name == trimmed)
            {
                parsed = key;
                return true;
            }
        }

        return EnumCodes.TryParse(trimmed, ignoreCase: false, out parsed);
    }
}
