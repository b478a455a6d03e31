using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Identity.Features.Accounts;

/// <summary>An account's role and what it is bound to, as an administrator asks for it.</summary>
public sealed record AccountBindingRequest(string? Role, string? TownshipCode, IReadOnlyList<string>? VillageCodes, string? ProviderId, string? DepartmentCode);

/// <summary>A role with exactly the bindings it needs: a township for township staff and visitors (and villages for a
/// visitor, optionally), an approved provider for provider staff, a department for department officers, none for
/// county roles.</summary>
public sealed record AccountBinding(string Role, string? TownshipCode, IReadOnlyList<string> VillageCodes, string? ProviderId, string? DepartmentCode)
{
    /// <summary>The binding, or the field errors (in Chinese) that say what is wrong with the request.</summary>
    public static async Task<(AccountBinding? Binding, Dictionary<string, string[]> Errors)> ValidateAsync(
        AccountBindingRequest request, CountyOptions county, ReliefIdentityDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var role = request.Role?.Trim() ?? "";
        if (!ReliefRoles.All.Contains(role))
        {
            errors["role"] = [$"角色应为：{string.Join("、", ReliefRoles.Names.Select(r => $"{r.Key}（{r.Value}）"))}。"];
            return (null, errors);
        }

        var township = Blank(request.TownshipCode);
        var villages = (request.VillageCodes ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var provider = Blank(request.ProviderId);
        var department = Blank(request.DepartmentCode);

        var needsTownship = ReliefRoles.TownshipBound.Contains(role);
        if (needsTownship && township is null)
        {
            errors["townshipCode"] = [$"{ReliefRoles.Names[role]}须绑定一个乡镇（街道）。"];
        }
        else if (needsTownship && county.FindTownship(township) is null)
        {
            errors["townshipCode"] = [$"乡镇代码“{township}”不是本县的乡镇（街道）。"];
        }
        else if (!needsTownship && township is not null)
        {
            errors["townshipCode"] = [$"{ReliefRoles.Names[role]}不绑定乡镇（街道）。"];
        }

        if (villages.Count > 0 && role != ReliefRoles.VillageVisitor)
        {
            errors["villageCodes"] = ["只有村级走访员绑定村（社区）。"];
        }
        else if (villages.Count > 0 && township is not null)
        {
            var known = county.FindTownship(township)?.Villages ?? [];
            var wrong = villages.Where(v => !known.Any(k => k.Code == v)).ToList();
            if (wrong.Count > 0)
            {
                errors["villageCodes"] = [$"所绑定乡镇没有这些村（社区）：{string.Join("、", wrong)}。"];
            }
        }

        if (role == ReliefRoles.ProviderStaff)
        {
            if (provider is null)
            {
                errors["providerId"] = ["服务主体工作人员须绑定一个已登记并批准的服务主体。"];
            }
            else if (!Guid.TryParse(provider, out var providerId)
                || !await IntegrationEvents.ProviderStandings.MayWorkAsync(db, providerId, cancellationToken))
            {
                errors["providerId"] = ["未找到该服务主体，或其尚未批准、已暂停或已终止。"];
            }
            else
            {
                provider = providerId.ToString();
            }
        }
        else if (provider is not null)
        {
            errors["providerId"] = [$"{ReliefRoles.Names[role]}不绑定服务主体。"];
        }

        if (role == ReliefRoles.DepartmentOfficer && (department is null || !Departments.Referable.ContainsKey(department)))
        {
            errors["departmentCode"] = [$"部门工作人员须绑定一个部门或群团组织：{Departments.Describe(Departments.Referable)}。"];
        }
        else if (role != ReliefRoles.DepartmentOfficer && department is not null)
        {
            errors["departmentCode"] = [$"{ReliefRoles.Names[role]}不绑定部门。"];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new AccountBinding(role, township, villages, provider, department), errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
