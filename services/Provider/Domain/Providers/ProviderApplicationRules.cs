using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>What an application to join the network must carry, as field-level errors in Chinese.</summary>
public static class ProviderApplicationRules
{
    public static Dictionary<string, string[]> Check(Apis.ProviderApplication? application, IReadOnlyCollection<string> kinds, CountyOptions county)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (application is null)
        {
            errors["application"] = ["请提供登记信息。"];
            return errors;
        }

        if (!kinds.Contains(application.Kind ?? ""))
        {
            errors["kind"] = [$"服务主体类型应为：{string.Join("、", kinds)}。"];
            return errors;
        }

        var kind = application.Kind!;
        if (ProviderKinds.Individuals.Contains(kind))
        {
            if (PersonName.Problem(application.PersonName) is { } nameProblem)
            {
                errors["personName"] = [nameProblem];
            }

            if (application.CreditCode is not null)
            {
                errors["creditCode"] = ["个人志愿者和邻里互助人员没有统一社会信用代码。"];
            }

            if (application.HomeTownship is null)
            {
                errors["homeTownship"] = ["请填写所在乡镇。"];
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(application.Name) || application.Name.Length > 200)
            {
                errors["name"] = ["请填写机构名称（不超过 200 字）。"];
            }

            if (application.CreditCode is null && ProviderKinds.CreditCodeRequired.Contains(kind))
            {
                errors["creditCode"] = ["登记的社会组织、养老机构和慈善组织须填写统一社会信用代码。"];
            }
            else if (application.CreditCode is not null && CreditCode.Problem(application.CreditCode) is { } codeProblem)
            {
                errors["creditCode"] = [codeProblem];
            }
        }

        if (ProviderKinds.Affiliations.TryGetValue(kind, out var affiliations))
        {
            if (!affiliations.ContainsKey(application.Affiliation ?? ""))
            {
                errors["affiliation"] = [$"请选择所属部门或群团组织：{string.Join("、", affiliations.Select(a => $"{a.Key}（{a.Value}）"))}。"];
            }
        }
        else if (application.Affiliation is not null)
        {
            errors["affiliation"] = ["只有政府部门和群团组织填写所属单位。"];
        }

        if (application.HomeTownship is { } township && county.FindTownship(township) is null)
        {
            errors["homeTownship"] = [$"乡镇代码“{township}”不是本县的乡镇。"];
        }

        if (application.Contact is null)
        {
            errors["contact"] = ["请填写联系人和联系电话。"];
        }
        else
        {
            if (PersonName.Problem(application.Contact.Name) is { } contactProblem)
            {
                errors["contact.name"] = [contactProblem];
            }

            if (PhoneNumber.Problem(application.Contact.Phone) is { } phoneProblem)
            {
                errors["contact.phone"] = [phoneProblem];
            }
        }

        return errors;
    }
}
