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

        CheckAffiliation(kind, application.Affiliation, errors);
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
            CheckContact(application.Contact, errors);
        }

        return errors;
    }

    /// <summary>
    /// A change to a provider's registered details: the organisation's name, its affiliation, the contact — each left as it is when
    /// not given; the same rules as when it applied. An individual's name is the person's and is not changed here.
    /// </summary>
    public static Dictionary<string, string[]> CheckDetails(Apis.ProviderDetailsRequest? request, string kind)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null || (request.Name is null && request.Affiliation is null && request.Contact is null))
        {
            errors["details"] = ["请填写要修改的名称、所属单位或联系人。"];
            return errors;
        }

        if (request.Name is not null)
        {
            if (ProviderKinds.Individuals.Contains(kind))
            {
                errors["name"] = ["个人志愿者和邻里互助人员的姓名不在此修改。"];
            }
            else if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
            {
                errors["name"] = ["请填写机构名称（不超过 200 字）。"];
            }
        }

        if (request.Affiliation is not null)
        {
            CheckAffiliation(kind, request.Affiliation, errors);
        }

        if (request.Contact is not null)
        {
            CheckContact(request.Contact, errors);
        }

        return errors;
    }

    private static void CheckAffiliation(string kind, string? affiliation, Dictionary<string, string[]> errors)
    {
        if (ProviderKinds.Affiliations.TryGetValue(kind, out var affiliations))
        {
            if (!affiliations.ContainsKey(affiliation ?? ""))
            {
                errors["affiliation"] = [$"请选择所属部门或群团组织：{string.Join("、", affiliations.Select(a => $"{a.Key}（{a.Value}）"))}。"];
            }
        }
        else if (affiliation is not null)
        {
            errors["affiliation"] = ["只有政府部门和群团组织填写所属单位。"];
        }
    }

    private static void CheckContact(Apis.ContactRequest contact, Dictionary<string, string[]> errors)
    {
        if (PersonName.Problem(contact.Name) is { } contactProblem)
        {
            errors["contact.name"] = [contactProblem];
        }

        if (PhoneNumber.Problem(contact.Phone) is { } phoneProblem)
        {
            errors["contact.phone"] = [phoneProblem];
        }
    }
}
