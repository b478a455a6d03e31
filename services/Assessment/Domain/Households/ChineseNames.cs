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

    public static string ChineseName(this Relationship relationship) => Relationships[relationship];

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
