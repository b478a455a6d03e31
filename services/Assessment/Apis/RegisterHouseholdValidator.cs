using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>Field-level checks with messages staff can read (zh-CN); every field is checked, not just the first.</summary>
internal static class RegisterHouseholdValidator
{
    public const int MaxMembers = 30;

    public static Dictionary<string, string[]> Validate(RegisterHouseholdRequest request, CountyOptions county, out HouseholdCategory category)
    {
        var errors = new Dictionary<string, string[]>();
        category = default;

        var township = county.FindTownship(request.TownshipCode);
        if (string.IsNullOrWhiteSpace(request.TownshipCode))
        {
            errors["townshipCode"] = ["请填写乡镇代码。"];
        }
        else if (township is null)
        {
            errors["townshipCode"] = [$"乡镇代码“{request.TownshipCode}”不是{county.Name}的乡镇。"];
        }

        if (string.IsNullOrWhiteSpace(request.VillageCode))
        {
            errors["villageCode"] = ["请填写村（社区）代码。"];
        }
        else if (request.VillageCode.Length != 12 || !request.VillageCode.All(char.IsAsciiDigit))
        {
            errors["villageCode"] = ["村（社区）代码应为12位数字。"];
        }
        else if (township is not null && !request.VillageCode.StartsWith(township.Code, StringComparison.Ordinal))
        {
            errors["villageCode"] = [$"村（社区）代码不属于{township.Name}。"];
        }

        if (!HouseholdCategoryNames.TryParse(request.Category, out category))
        {
            errors["category"] = ["救助对象类别应为：低保、特困供养、低保边缘、刚性支出困难、防返贫监测对象、其他困难之一。"];
        }

        if (request.MemberCount is null or < 1 or > MaxMembers)
        {
            errors["memberCount"] = [$"家庭人口数应在1到{MaxMembers}之间。"];
        }

        return errors;
    }
}
