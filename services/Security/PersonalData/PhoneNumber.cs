using System.Text.RegularExpressions;

namespace ReliefPlatform.Security.PersonalData;

/// <summary>Mainland phone numbers: mobile (11 digits, 1[3-9]…) or landline with area code (0564-5021234).</summary>
public static partial class PhoneNumber
{
    public const string Purpose = "phone";

    /// <summary>Null when valid; otherwise what is wrong, in Chinese. Never repeats the number.</summary>
    public static string? Problem(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? "联系电话必填。"
        : Mobile().IsMatch(Normalise(phone)) || Landline().IsMatch(Normalise(phone)) ? null
        : "联系电话应为 11 位手机号或带区号的固定电话（如 0564-5021234）。";

    public static string Normalise(string phone) => phone.Trim().Replace(" ", "", StringComparison.Ordinal);

    /// <summary>138****5678, 0564-****234.</summary>
    public static string Mask(string phone)
    {
        var normalised = Normalise(phone);
        return normalised.Length <= 7
            ? new string('*', normalised.Length)
            : string.Concat(normalised.AsSpan(0, 3), new string('*', normalised.Length - 7), normalised.AsSpan(normalised.Length - 4));
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex Landline();
}
