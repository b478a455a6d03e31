using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>A member whose every field passed the checks.</summary>
internal sealed record ValidMember(string Name, IdNumber IdNumber, MemberFacts Facts);

/// <summary>Field-level checks with messages staff can read (zh-CN); every field is checked, not just the first.</summary>
internal static class RegisterHouseholdValidator
{
    public const int MaxMembers = 30;
    public const int MaxAge = 120;
    public const int MaxAddressLength = 200;

    /// <summary>The county township of a listed village (its code's first nine digits), or null with a field error saying why.</summary>
    public static Township? TownshipOfVillage(string? villageCode, CountyOptions county, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(villageCode))
        {
            errors[field] = ["请填写村（社区）代码。"];
            return null;
        }

        if (villageCode.Length != 12 || !villageCode.All(char.IsAsciiDigit))
        {
            errors[field] = ["村（社区）代码应为12位数字。"];
            return null;
        }

        var township = county.FindTownship(villageCode[..9]);
        if (township is null)
        {
            errors[field] = [$"村（社区）代码“{villageCode}”不属于{county.Name}的任何乡镇。"];
            return null;
        }

        if (VillagePlace.Problem(township, villageCode) is { } problem)
        {
            errors[field] = [problem];
            return null;
        }

        return township;
    }

    public static Dictionary<string, string[]> Validate(
        RegisterHouseholdRequest request, CountyOptions county, DateOnly today, out HouseholdCategory category, out List<ValidMember> members)
    {
        var errors = new Dictionary<string, string[]>();
        category = default;
        members = [];

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
        else if (township is not null && VillagePlace.Problem(township, request.VillageCode) is { } villageProblem)
        {
            errors["villageCode"] = [villageProblem];
        }

        if (!HouseholdCategoryNames.TryParse(request.Category, out category))
        {
            errors["category"] = ["救助对象类别应为：低保、特困供养、低保边缘、刚性支出困难、防返贫监测对象、其他困难之一。"];
        }

        if (request.Address is { Length: > MaxAddressLength })
        {
            errors["address"] = [$"地址不能超过{MaxAddressLength}个字。"];
        }

        var listed = request.Members ?? [];
        if (listed.Count > MaxMembers)
        {
            errors["members"] = [$"家庭成员不能超过{MaxMembers}人。"];
        }
        else if (listed.Count > 0 && request.MemberCount is not null && request.MemberCount != listed.Count)
        {
            errors["memberCount"] = [$"家庭人口数（{request.MemberCount}）与登记的成员人数（{listed.Count}）不一致。"];
        }
        else if (listed.Count == 0 && request.MemberCount is null or < 1 or > MaxMembers)
        {
            errors["memberCount"] = [$"家庭人口数应在1到{MaxMembers}之间。"];
        }

        var seen = new HashSet<IdNumber>();
        for (var i = 0; i < listed.Count && listed.Count <= MaxMembers; i++)
        {
            var member = ValidateMember(listed[i], today, $"members[{i}].", errors);
            if (member is null)
            {
                continue;
            }

            if (!seen.Add(member.IdNumber))
            {
                errors[$"members[{i}].idNumber"] = ["同一居民在本户中登记了两次。"];
                continue;
            }

            members.Add(member);
        }

        if (listed.Count > 0 && listed.Count(m => ChineseNames.TryParse(m.Relationship, out Relationship r) && r == Relationship.Head) > 1)
        {
            errors["members"] = ["一户只能有一位户主。"];
        }

        return errors;
    }

    internal static ValidMember? ValidateMember(MemberRequest request, DateOnly today, string prefix, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        if (PersonName.Problem(request.Name) is { } nameProblem)
        {
            errors[prefix + "name"] = [nameProblem];
        }

        if (!IdNumber.TryParse(request.IdNumber, today, out var idNumber, out var idError))
        {
            errors[prefix + "idNumber"] = [idError.Message];
        }
        else if (idNumber.AgeOn(today) > MaxAge)
        {
            errors[prefix + "idNumber"] = [$"按身份证号计算年龄超过{MaxAge}岁，请核对。"];
        }
        else if (idNumber.AgeOn(today) < 18 && request.HasEffectiveGuardian is null)
        {
            errors[prefix + "hasEffectiveGuardian"] = ["未成年人须填写是否有有效监护人。"];
        }

        if (!ChineseNames.TryParse(request.Relationship, out Relationship relationship))
        {
            errors[prefix + "relationship"] = ["与户主关系应为：户主、配偶、子女、父母、孙子女、兄弟姐妹、其他之一。"];
        }

        DisabilityType? disability = null;
        if (!string.IsNullOrWhiteSpace(request.DisabilityType))
        {
            if (ChineseNames.TryParse(request.DisabilityType, out DisabilityType parsed))
            {
                disability = parsed;
            }
            else
            {
                errors[prefix + "disabilityType"] = ["残疾类别应为：视力、听力、言语、肢体、智力、精神、多重之一。"];
            }
        }

        if (request.DisabilityGrade is not null and (< 1 or > 4))
        {
            errors[prefix + "disabilityGrade"] = ["残疾等级应为1到4级。"];
        }
        else if ((request.DisabilityGrade is null) != string.IsNullOrWhiteSpace(request.DisabilityType))
        {
            errors[prefix + "disabilityGrade"] = ["残疾类别和残疾等级须同时填写。"];
        }

        EmploymentStatus? employment = null;
        if (!string.IsNullOrWhiteSpace(request.EmploymentStatus))
        {
            if (ChineseNames.TryParse(request.EmploymentStatus, out EmploymentStatus parsed))
            {
                employment = parsed;
            }
            else
            {
                errors[prefix + "employmentStatus"] = [ChineseNames.EmploymentStatusProblem];
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var isMinor = idNumber.AgeOn(today) < 18;
        return new ValidMember(
            request.Name!.Trim(),
            idNumber,
            new MemberFacts(
                relationship, disability, request.DisabilityGrade, request.ChronicIllness ?? false, request.LivingAlone ?? false,
                isMinor ? request.HasEffectiveGuardian : null, employment));
    }
}
