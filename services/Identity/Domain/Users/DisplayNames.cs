namespace ReliefPlatform.Identity.Domain.Users;

/// <summary>
/// What a display name may be: how a colleague is called (王晓燕, 张主任), up to 32 characters, with no digits — so an
/// ID number or a phone number cannot end up in every token and page header.
/// </summary>
public static class DisplayNames
{
    public const int MaxLength = 32;

    public static string? Clean(string? displayName) => string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();

    /// <summary>Null when acceptable (none given is acceptable: pages then show the user name); else why not, in Chinese.</summary>
    public static string? Problem(string? displayName) => Clean(displayName) is not { } name ? null
        : name.Length > MaxLength || name.Any(c => char.IsDigit(c) || char.IsControl(c)) ? $"显示名称不超过{MaxLength}个字，且不含数字（不要填写身份证号或手机号）。"
        : null;
}
