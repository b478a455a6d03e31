using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Features.Accounts;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Revocation;
using static ReliefPlatform.Identity.Apis.IdentityPage;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// Where a new account's holder (or one whose password was reset) sets their password with the one-time code the
/// administrator gave them; county roles then enrol an authenticator. A wrong user name and a wrong, expired or used
/// code get the same answer; five wrong codes withdraw the activation.
/// </summary>
public static class ActivationApi
{
    public const string InvalidMessage = "用户名或激活码不正确，或激活码已过期、已使用。请向县级管理员重新获取激活码。";

    public static IEndpointRouteBuilder MapActivationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccountActivations.ActivatePath, (string? code) => Page(code, null, [])).ExcludeFromDescription();
        app.MapPost(AccountActivations.ActivatePath, Activate).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Activate(
        HttpContext http, UserManager<ReliefUser> users, SignInManager<ReliefUser> signIn, ReliefIdentityDbContext db, ITokenRevocations revocations,
        TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync();
        var code = form["code"].ToString();
        var userName = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        var now = time.GetUtcNow();
        var cancellationToken = http.RequestAborted;

        var user = await users.FindByNameAsync(userName);
        var activation = user is null
            ? null
            : await db.Activations.Where(a => a.UserId == user.Id && a.UsedAt == null && a.WithdrawnAt == null)
                .OrderByDescending(a => a.IssuedAt).FirstOrDefaultAsync(cancellationToken);
        if (user is null || activation is null || !activation.IsOpen(now) || !activation.Matches(code))
        {
            if (activation is not null && activation.IsOpen(now))
            {
                activation.Failed(now);
                await using var failed = await db.Database.BeginTransactionAsync(cancellationToken);
                await AuditTrail.AppendAsync(db, time, "anonymous", activation.WithdrawnAt is null ? "activation.wrong-code" : "activation.withdrawn",
                    AccountsApi.Subject(user!), $"attempts={activation.FailedAttempts}", cancellationToken);
                await failed.CommitAsync(cancellationToken);
            }

            return Page(code, userName, [InvalidMessage], StatusCodes.Status400BadRequest);
        }

        var errors = new List<string>();
        if (password != form["confirm"].ToString())
        {
            errors.Add("两次输入的新密码不一致。");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return Page(code, userName, errors.Distinct().ToList(), StatusCodes.Status400BadRequest);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.ActivatedAt ??= now;
            activation.Use(now);
            await users.UpdateSecurityStampAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await AuditTrail.AppendAsync(db, time, user.Id, "account.activated", AccountsApi.Subject(user), null, cancellationToken);
            // A new password ends every session begun with the old one.
            await revocations.RevokeSubjectAsync(user.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if ((await users.GetRolesAsync(user)).Any(ReliefRoles.County.Contains) && !await users.GetTwoFactorEnabledAsync(user))
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return Results.LocalRedirect("/account/enrol");
        }

        return Render("账户已激活", """<p role="status">密码已设置，账户已激活。</p><p><a href="/">进入平台登录</a></p>""");
    }

    private static IResult Page(string? code, string? userName, IReadOnlyList<string> errors, int statusCode = StatusCodes.Status200OK) => Render("激活账户", $"""
        {Errors(errors)}
        <p class="hint">请输入县级管理员给您的用户名和激活码（72小时内有效，只能使用一次），并设置密码：至少12位，含大写字母、小写字母和数字，不含用户名，不要用常见密码。</p>
        <form method="post" action="{AccountActivations.ActivatePath}">
        <label for="username">用户名</label><input id="username" name="username" autocomplete="username" value="{Encode(userName)}" required>
        <label for="code">激活码</label><input id="code" name="code" autocomplete="one-time-code" value="{Encode(code)}" required>
        <label for="password">新密码</label><input id="password" name="password" type="password" autocomplete="new-password" required>
        <label for="confirm">再次输入新密码</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
        <button type="submit">激活</button></form>
        """, statusCode);
}
