namespace ReliefPlatform.Security.PersonalData;

/// <summary>Why an identity number was refused; <see cref="Message"/> is what staff read (zh-CN), never containing the number.</summary>
public sealed record IdNumberError(string Code, string Message)
{
    public static readonly IdNumberError Missing = new("missing", "请填写公民身份号码。");
    public static readonly IdNumberError WrongLength = new("wrong-length", "公民身份号码应为18位。");
    public static readonly IdNumberError NotDigits = new("not-digits", "公民身份号码前17位应为数字，最后一位为数字或X。");
    public static readonly IdNumberError UnknownRegion = new("unknown-region", "公民身份号码的地址码不是有效的行政区划代码。");
    public static readonly IdNumberError ImpossibleBirthDate = new("impossible-birth-date", "公民身份号码中的出生日期无效。");
    public static readonly IdNumberError WrongCheckCharacter = new("wrong-check-character", "公民身份号码校验码不正确，请核对。");
}
