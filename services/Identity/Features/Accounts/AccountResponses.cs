using ReliefPlatform.Contracts;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Identity.Features.Accounts;

/// <summary>An account as an administrator sees it: role and bindings in codes and words, state, last sign-in.</summary>
public sealed record AccountResponse(
    string Id,
    string UserName,
    string? DisplayName,
    string Role,
    string RoleName,
    string? TownshipCode,
    string? TownshipName,
    IReadOnlyList<string> VillageCodes,
    string? ProviderId,
    string? DepartmentCode,
    string? DepartmentName,
    string Status,
    string StatusName,
    bool AuthenticatorEnrolled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? DisabledAt)
{
    public static AccountResponse Of(ReliefUser user, string role, CountyOptions county, DateTimeOffset now)
    {
        var (status, name) = user switch
        {
            { IsDisabled: true } => ("disabled", "已停用"),
            { LockoutEnd: { } end } when end > now => ("locked", "已锁定"),
            { PasswordHash: null } => ("pending-activation", "待激活"),
            _ => ("active", "正常"),
        };
        return new AccountResponse(
            user.Id, user.UserName ?? "", user.DisplayName, role, ReliefRoles.Names.GetValueOrDefault(role, role), user.TownshipCode,
            county.FindTownship(user.TownshipCode)?.Name, user.VillageCodes, user.ProviderId, user.DepartmentCode,
            user.DepartmentCode is null ? null : Departments.Referable.GetValueOrDefault(user.DepartmentCode),
            status, name, user.TwoFactorEnabled, user.CreatedAt, user.ActivatedAt, user.LastSignInAt,
            user.LockoutEnd > now ? user.LockoutEnd : null, user.DisabledAt);
    }
}

/// <summary>A one-time activation code, shown to the administrator once: give it to the account's holder.</summary>
public sealed record ActivationResponse(string Code, string ActivatePath, DateTimeOffset ExpiresAt);

public sealed record CreatedAccountResponse(AccountResponse Account, ActivationResponse Activation);

public sealed record AccountPage(IReadOnlyList<AccountResponse> Items, int Total, int Page, int PageSize);

public sealed record CreateAccountRequest(
    string? UserName, string? Role, string? TownshipCode, IReadOnlyList<string>? VillageCodes, string? ProviderId, string? DepartmentCode,
    string? DisplayName = null);

public sealed record ReasonRequest(string? Reason);

public sealed record DisplayNameRequest(string? DisplayName);

/// <summary>A county administrator's authenticator reset waits for a second administrator.</summary>
public sealed record AuthenticatorResetResponse(string Status, string StatusName, Guid? RequestId, string? RequestedBy);
