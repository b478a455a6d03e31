namespace ReliefPlatform.Security.PersonalData;

/// <summary>Rules for a resident's name as staff type it: checked, trimmed, and masked for display.</summary>
public static class PersonName
{
    public const int MaxLength = 30;

    /// <summary>A readable zh-CN reason the name is refused, or null when it is acceptable. Never repeats the name.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "请填写姓名。";
        }

        var trimmed = name.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"姓名不能超过{MaxLength}个字。";
        }

        return trimmed.Any(c => char.IsDigit(c) || char.IsControl(c) || c is '<' or '>' or '@')
            ? "姓名只能包含文字、字母和间隔号（·）。"
            : null;
    }

    /// <summary>First character kept, the rest hidden: 张三 → 张*, 欧阳小明 → 欧***.</summary>
    public static string Mask(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= 1 ? "*" : string.Concat(trimmed.AsSpan(0, 1), new string('*', trimmed.Length - 1));
    }
}
