using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Identity.Domain.Accounts;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Features.Accounts;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Revocation;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// Account administration for county administrators: create an account for any role with its bindings (a one-time
/// activation code comes back once), list and search, change role and bindings, disable and enable, unlock, reissue the
/// activation code, reset an authenticator (another administrator's: approved by a second one). No administrator
/// changes their own account here. Every act is in Identity's audit chain, and every change that narrows what an account
/// may do revokes its live tokens at once.
/// </summary>
public static partial class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/identity/accounts").WithTags("Accounts")
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin));

        group.MapGet("/", List).WithName("ListAccounts").WithSummary("Accounts by user name, role, township, provider, department or status, with last sign-in");
        group.MapGet("/{id}", Get).WithName("GetAccount").WithSummary("One account");
        group.MapPost("/", Create).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("CreateAccount").WithSummary("A new account for any role, bound as the role needs; returns a one-time activation code (72 h)");
        group.MapPut("/{id}/role", ChangeRole).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ChangeAccountRole").WithSummary("Change role and bindings (not one's own); the account's live tokens stop working");
        group.MapPut("/{id}/display-name", ChangeDisplayName).WithName("ChangeAccountDisplayName")
            .WithSummary("How the person is called on pages (no digits, up to 32 characters; empty: the user name); their next token carries it");
        group.MapPost("/{id}/disable", Disable).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("DisableAccount").WithSummary("Disable with a reason (not one's own); its live tokens stop working at once");
        group.MapPost("/{id}/enable", Enable).WithName("EnableAccount").WithSummary("Enable a disabled account again");
        group.MapPost("/{id}/unlock", Unlock).WithName("UnlockAccount").WithSummary("Lift a lockout after failed sign-ins");
        group.MapPost("/{id}/activation", ReissueActivation).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ReissueActivation").WithSummary("A new activation code (a forgotten password, a lost code); earlier codes stop working");
        group.MapPost("/{id}/authenticator/reset", ResetAuthenticator).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ResetAuthenticator").WithSummary("Remove the account's authenticator; an administrator's needs a second administrator's approval");
        group.MapPost("/{id}/authenticator/reset/approve", ApproveAuthenticatorReset).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ApproveAuthenticatorReset").WithSummary("A second administrator approves resetting an administrator's authenticator");
        return group;
    }

    public static async Task<Ok<AccountPage>> List(
        string? search, string? role, string? townshipCode, string? providerId, string? departmentCode, string? status, int? page, int? pageSize,
        ReliefIdentityDbContext db, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var paging = Paging.Of(page, pageSize);
        var query = from user in db.Users
                    join link in db.UserRoles on user.Id equals link.UserId
                    join r in db.Roles on link.RoleId equals r.Id
                    select new { user, role = r.Name! };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            query = query.Where(x => EF.Functions.Like(x.user.NormalizedUserName!, pattern));
        }

        query = role is { Length: > 0 } ? query.Where(x => x.role == role) : query;
        query = townshipCode is { Length: > 0 } ? query.Where(x => x.user.TownshipCode == townshipCode) : query;
        query = providerId is { Length: > 0 } ? query.Where(x => x.user.ProviderId == providerId) : query;
        query = departmentCode is { Length: > 0 } ? query.Where(x => x.user.DepartmentCode == departmentCode) : query;
        query = status switch
        {
            "disabled" => query.Where(x => x.user.DisabledAt != null),
            "locked" => query.Where(x => x.user.DisabledAt == null && x.user.LockoutEnd > now),
            "pending-activation" => query.Where(x => x.user.DisabledAt == null && x.user.PasswordHash == null),
            "active" => query.Where(x => x.user.DisabledAt == null && x.user.PasswordHash != null && (x.user.LockoutEnd == null || x.user.LockoutEnd <= now)),
            _ => query,
        };

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.user.UserName).Skip(paging.Skip).Take(paging.Size).AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(new AccountPage([.. rows.Select(x => AccountResponse.Of(x.user, x.role, county.Value, now))], total, paging.Number, paging.Size));
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound>> Get(
        string id, UserManager<ReliefUser> users, IOptions<CountyOptions> county, TimeProvider time)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(await ResponseAsync(user, users, county.Value, time));
    }

    public static async Task<Results<Created<CreatedAccountResponse>, ValidationProblem>> Create(
        CreateAccountRequest request, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin,
        IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        var userName = request.UserName?.Trim().ToLowerInvariant() ?? "";
        var (binding, errors) = await AccountBinding.ValidateAsync(
            new AccountBindingRequest(request.Role, request.TownshipCode, request.VillageCodes, request.ProviderId, request.DepartmentCode), county.Value, db, cancellationToken);
        if (!UserName().IsMatch(userName))
        {
            errors["userName"] = ["用户名须为3至32位小写字母、数字或“.”“_”“-”，以字母开头（不要用姓名、身份证号或手机号）。"];
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            errors["userName"] = [$"用户名“{userName}”已被使用。"];
        }

        if (DisplayNames.Problem(request.DisplayName) is { } displayNameProblem)
        {
            errors["displayName"] = [displayNameProblem];
        }

        if (binding is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "账户未创建");
        }

        var now = time.GetUtcNow();
        var user = new ReliefUser { UserName = userName, DisplayName = DisplayNames.Clean(request.DisplayName), CreatedAt = now, CreatedBy = admin.Id };
        Bind(user, binding);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [.. created.Errors.Select(e => e.Description)] }, title: "账户未创建");
        }

        await users.AddToRoleAsync(user, binding.Role);
        var activation = await AccountActivations.IssueAsync(db, user.Id, admin.Id, now, cancellationToken);
        await AuditTrail.AppendAsync(db, time, admin.Id, "account.created", Subject(user), Describe(binding), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/accounts/{user.Id}",
            new CreatedAccountResponse(AccountResponse.Of(user, binding.Role, county.Value, now), activation));
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRole(
        string id, AccountBindingRequest request, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin,
        ITokenRevocations revocations, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        if (user.Id == admin.Id)
        {
            return NotOwn("不能修改自己的角色或绑定，请由另一位县级管理员操作。");
        }

        var (binding, errors) = await AccountBinding.ValidateAsync(request, county.Value, db, cancellationToken);
        if (binding is null)
        {
            return TypedResults.ValidationProblem(errors, title: "角色未修改");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, binding.Role);
        Bind(user, binding);
        await users.UpdateAsync(user);
        await AuditTrail.AppendAsync(db, time, admin.Id, "account.role-changed", Subject(user),
            $"from={string.Join(',', current)};{Describe(binding)}", cancellationToken);
        await revocations.RevokeSubjectAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AccountResponse.Of(user, binding.Role, county.Value, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Disable(
        string id, ReasonRequest request, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin,
        ITokenRevocations revocations, IOptions<CountyOptions> county, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写停用原因。"] }, title: "账户未停用");
        }

        return await ActAsync(id, users, db, admin, county, time, "account.disabled", $"reason={request.Reason.Trim()}", async user =>
        {
            if (user.Id == admin.Id)
            {
                return NotOwn("不能停用自己的账户。");
            }

            user.DisabledAt ??= time.GetUtcNow();
            await users.UpdateSecurityStampAsync(user);
            await revocations.RevokeSubjectAsync(user.Id, cancellationToken);
            return null;
        }, cancellationToken);
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeDisplayName(
        string id, DisplayNameRequest request, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, IOptions<CountyOptions> county,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (DisplayNames.Problem(request.DisplayName) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["displayName"] = [problem] }, title: "显示名称未修改");
        }

        // The audit says that it changed, not to what: the chain keeps codes and ids, not people's names.
        return await ActAsync(id, users, db, admin, county, time, "account.display-name-changed", null, async user =>
        {
            user.DisplayName = DisplayNames.Clean(request.DisplayName);
            await users.UpdateAsync(user);
            return null;
        }, cancellationToken);
    }

    public static Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Enable(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken) =>
        ActAsync(id, users, db, admin, county, time, "account.enabled", null, async user =>
        {
            if (user.Id == admin.Id)
            {
                return NotOwn("不能启用自己的账户。");
            }

            user.DisabledAt = null;
            await users.UpdateAsync(user);
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Unlock(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken) =>
        ActAsync(id, users, db, admin, county, time, "account.unlocked", null, async user =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken);

    public static async Task<Results<Ok<ActivationResponse>, NotFound, ProblemHttpResult>> ReissueActivation(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        if (user.Id == admin.Id)
        {
            return NotOwn("不能为自己重新签发激活码，请由另一位县级管理员操作。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activation = await AccountActivations.IssueAsync(db, user.Id, admin.Id, time.GetUtcNow(), cancellationToken);
        await AuditTrail.AppendAsync(db, time, admin.Id, "account.activation-issued", Subject(user), null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(activation);
    }

    public static async Task<Results<Ok<AuthenticatorResetResponse>, Accepted<AuthenticatorResetResponse>, NotFound, ProblemHttpResult>> ResetAuthenticator(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, ITokenRevocations revocations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        if (user.Id == admin.Id)
        {
            return NotOwn("不能重置自己的身份验证器，请由另一位县级管理员操作。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.IsInRoleAsync(user, ReliefRoles.CountyAdmin))
        {
            var pending = await db.AuthenticatorResets.FirstOrDefaultAsync(r => r.UserId == user.Id && r.ApprovedAt == null, cancellationToken);
            if (pending is null)
            {
                pending = AuthenticatorResetRequest.Ask(user.Id, admin.Id, time.GetUtcNow());
                db.AuthenticatorResets.Add(pending);
                await AuditTrail.AppendAsync(db, time, admin.Id, "authenticator.reset-requested", Subject(user), $"request={pending.Id}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Accepted($"/api/identity/accounts/{user.Id}",
                new AuthenticatorResetResponse("awaiting-approval", "待另一位县级管理员批准", pending.Id, pending.RequestedBy));
        }

        await ResetAsync(user, users, revocations, cancellationToken);
        await AuditTrail.AppendAsync(db, time, admin.Id, "authenticator.reset", Subject(user), null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new AuthenticatorResetResponse("reset", "已重置，下次登录时重新绑定", null, null));
    }

    public static async Task<Results<Ok<AuthenticatorResetResponse>, NotFound, ProblemHttpResult>> ApproveAuthenticatorReset(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, ITokenRevocations revocations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.AuthenticatorResets.FirstOrDefaultAsync(r => r.UserId == user.Id && r.ApprovedAt == null, cancellationToken);
        if (pending is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该账户没有待批准的身份验证器重置申请。");
        }

        if (pending.RequestedBy == admin.Id || user.Id == admin.Id)
        {
            return NotOwn("重置县级管理员的身份验证器须由申请人和该管理员以外的另一位县级管理员批准。");
        }

        pending.Approve(admin.Id, time.GetUtcNow());
        await ResetAsync(user, users, revocations, cancellationToken);
        await AuditTrail.AppendAsync(db, time, admin.Id, "authenticator.reset", Subject(user), $"request={pending.Id};requestedBy={pending.RequestedBy}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new AuthenticatorResetResponse("reset", "已重置，下次登录时重新绑定", pending.Id, pending.RequestedBy));
    }

    /// <summary>The account's authenticator is gone; its holder enrols a new one at the next sign-in.</summary>
    private static async Task ResetAsync(ReliefUser user, UserManager<ReliefUser> users, ITokenRevocations revocations, CancellationToken cancellationToken)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await revocations.RevokeSubjectAsync(user.Id, cancellationToken);
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ActAsync(
        string id, UserManager<ReliefUser> users, ReliefIdentityDbContext db, CurrentUser admin, IOptions<CountyOptions> county, TimeProvider time,
        string action, string? details, Func<ReliefUser, Task<ProblemHttpResult?>> act, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await act(user) is { } refused)
        {
            return refused;
        }

        await AuditTrail.AppendAsync(db, time, admin.Id, action, Subject(user), details, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await ResponseAsync(user, users, county.Value, time));
    }

    private static async Task<AccountResponse> ResponseAsync(ReliefUser user, UserManager<ReliefUser> users, CountyOptions county, TimeProvider time) =>
        AccountResponse.Of(user, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "", county, time.GetUtcNow());

    private static void Bind(ReliefUser user, AccountBinding binding)
    {
        user.TownshipCode = binding.TownshipCode;
        user.VillageCodes = [.. binding.VillageCodes];
        user.ProviderId = binding.ProviderId;
        user.DepartmentCode = binding.DepartmentCode;
    }

    /// <summary>Codes only: what an audit entry may hold.</summary>
    private static string Describe(AccountBinding binding) =>
        $"role={binding.Role};township={binding.TownshipCode};villages={string.Join(',', binding.VillageCodes)};provider={binding.ProviderId};department={binding.DepartmentCode}";

    public static string Subject(ReliefUser user) => $"account:{user.Id}";

    private static ProblemHttpResult NotOwn(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);

    [GeneratedRegex("^[a-z][a-z0-9._-]{2,31}$")]
    private static partial Regex UserName();
}
