using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Extensions;
using ReliefPlatform.Identity.Features.SignIn;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Authorization;
using static ReliefPlatform.Identity.Apis.IdentityPage;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// The sign-in page the authorize endpoint sends a browser to (zh-CN), with lockout and a second factor; and enrolling
/// an authenticator, which county roles must have before they get tokens.
/// </summary>
public static class AccountApi
{
    public const string NotAllowedMessage = "该账户已停用，或其服务主体已暂停或终止，请联系县级管理员。";
    public const string WrongCredentialsMessage = "用户名或密码不正确。";

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/login", (string? returnUrl) => LoginPage(returnUrl, null)).ExcludeFromDescription();
        app.MapPost("/account/login", Login).DisableAntiforgery().ExcludeFromDescription();

        // Enrolling an authenticator (TOTP) for the signed-in user: a page for people, and GET/POST JSON for scripts.
        var signedIn = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme };
        app.MapGet("/account/enrol", EnrolPage).RequireAuthorization(signedIn).ExcludeFromDescription();
        app.MapPost("/account/enrol", Enrol).RequireAuthorization(signedIn).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/account/authenticator", AuthenticatorKey).RequireAuthorization(signedIn).ExcludeFromDescription();
        app.MapPost("/account/authenticator", EnableAuthenticator).RequireAuthorization(signedIn).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    public sealed record AuthenticatorKeyResponse(string SharedKey, string OtpauthUri);

    public sealed record EnableAuthenticatorRequest(string? Code);

    /// <summary>Must this account enrol an authenticator before it gets tokens?</summary>
    public static async Task<bool> MustEnrolAsync(ReliefUser user, UserManager<ReliefUser> users, ReliefIdentityOptions options) =>
        options.RequireTotpForCountyRoles && !await users.GetTwoFactorEnabledAsync(user)
        && (await users.GetRolesAsync(user)).Any(ReliefRoles.County.Contains);

    private static async Task<IResult> Login(
        HttpContext http, UserManager<ReliefUser> users, SignInManager<ReliefUser> signIn, ReliefIdentityDbContext db, TimeProvider time,
        IOptions<ReliefIdentityOptions> options)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = IsLocal(form["returnUrl"]) ? form["returnUrl"].ToString() : "/";
        var password = form["password"].ToString();
        var user = await users.FindByNameAsync(form["username"].ToString().Trim());
        if (user is null)
        {
            await SignInRecords.RecordAsync(db, time, null, SignInRecords.UnknownUser, "login-page", http.RequestAborted);
            return LoginPage(returnUrl, WrongCredentialsMessage);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            var code = form["totp"].ToString().Replace(" ", "", StringComparison.Ordinal);
            result = string.IsNullOrEmpty(code)
                ? result
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (!result.Succeeded)
            {
                await SignInRecords.RecordAsync(db, time, user, SignInRecords.WrongCode, "login-page", http.RequestAborted);
                return LoginPage(returnUrl, result.IsLockedOut ? "登录失败次数过多，账户已锁定15分钟。" : "请输入身份验证器中的6位动态验证码。");
            }
        }
        else if (result.IsLockedOut)
        {
            await SignInRecords.RecordAsync(db, time, user, SignInRecords.LockedOut, "login-page", http.RequestAborted);
            return LoginPage(returnUrl, "登录失败次数过多，账户已锁定15分钟。");
        }
        else if (result.IsNotAllowed)
        {
            // Said only to whoever knows the password: to anyone else a disabled account looks like a wrong password.
            var knows = await users.CheckPasswordAsync(user, password);
            if (!knows)
            {
                await users.AccessFailedAsync(user);
            }

            await SignInRecords.RecordAsync(db, time, user, knows ? SignInRecords.NotAllowed : SignInRecords.WrongPassword, "login-page", http.RequestAborted);
            return LoginPage(returnUrl, knows ? NotAllowedMessage : WrongCredentialsMessage);
        }
        else if (!result.Succeeded)
        {
            await SignInRecords.RecordAsync(db, time, user, SignInRecords.WrongPassword, "login-page", http.RequestAborted);
            return LoginPage(returnUrl, WrongCredentialsMessage);
        }

        await SignInRecords.RecordAsync(db, time, user, SignInRecords.Succeeded, "login-page", http.RequestAborted);
        return await MustEnrolAsync(user, users, options.Value)
            ? Results.LocalRedirect($"/account/enrol?returnUrl={Uri.EscapeDataString(returnUrl)}")
            : Results.LocalRedirect(returnUrl);
    }

    /// <summary>What a browser sees after signing out without a way back to the client.</summary>
    public static IResult SignedOutPage() => Render("已退出", """<p role="status">您已安全退出登录。</p>""");

    private static IResult LoginPage(string? returnUrl, string? error) => Render("登录", $"""
        {Error(error)}
        <form method="post" action="/account/login">
        <input type="hidden" name="returnUrl" value="{Encode(IsLocal(returnUrl) ? returnUrl : "/")}">
        <label for="username">用户名</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <label for="totp">动态验证码（已绑定身份验证器的账户）</label><input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code">
        <button type="submit">登录</button></form>
        <p class="hint">新账户请先<a href="/account/activate">激活</a>。</p>
        """);

    private static async Task<IResult> EnrolPage(HttpContext http, UserManager<ReliefUser> users, string? returnUrl) =>
        await users.GetUserAsync(http.User) is { } user ? await EnrolPageAsync(user, users, returnUrl, null) : Results.Unauthorized();

    private static async Task<IResult> EnrolPageAsync(ReliefUser user, UserManager<ReliefUser> users, string? returnUrl, string? error)
    {
        var (key, uri) = await KeyAsync(user, users);
        using var qr = new QRCoder.QRCodeGenerator();
        using var data = qr.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        var png = Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(4));
        var grouped = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        return Render("绑定身份验证器", $"""
            {Error(error)}
            <p>县级账户登录时须输入动态验证码。请用手机上支持 TOTP 的身份验证器应用扫描二维码，或手动输入密钥。</p>
            <img class="qr" alt="身份验证器二维码" src="data:image/png;base64,{png}">
            <p>密钥：<code id="shared-key">{Encode(grouped)}</code></p>
            <form method="post" action="/account/enrol">
            <input type="hidden" name="returnUrl" value="{Encode(IsLocal(returnUrl) ? returnUrl : "")}">
            <label for="code">身份验证器当前显示的6位动态验证码</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
            <button type="submit">完成绑定</button></form>
            """);
    }

    private static async Task<IResult> Enrol(HttpContext http, UserManager<ReliefUser> users, ReliefIdentityDbContext db, TimeProvider time)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return Results.Unauthorized();
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!await ConfirmAsync(user, users, db, time, form["code"].ToString(), http.RequestAborted))
        {
            return await EnrolPageAsync(user, users, returnUrl, "动态验证码不正确，请输入身份验证器当前显示的6位数字。");
        }

        return IsLocal(returnUrl)
            ? Results.LocalRedirect(returnUrl)
            : Render("绑定完成", """<p role="status">身份验证器已绑定。以后登录时请输入其中显示的动态验证码。</p><p><a href="/">进入平台</a></p>""");
    }

    private static async Task<IResult> AuthenticatorKey(HttpContext http, UserManager<ReliefUser> users)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return Results.Unauthorized();
        }

        var (key, uri) = await KeyAsync(user, users);
        return Results.Ok(new AuthenticatorKeyResponse(key, uri));
    }

    private static async Task<IResult> EnableAuthenticator(
        EnableAuthenticatorRequest request, HttpContext http, UserManager<ReliefUser> users, ReliefIdentityDbContext db, TimeProvider time)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return Results.Unauthorized();
        }

        return await ConfirmAsync(user, users, db, time, request.Code, http.RequestAborted)
            ? Results.Ok(new { enabled = true })
            : Results.ValidationProblem(
                new Dictionary<string, string[]> { ["code"] = ["动态验证码不正确，请输入身份验证器当前显示的6位数字。"] },
                title: "身份验证器未绑定");
    }

    private static async Task<(string Key, string Uri)> KeyAsync(ReliefUser user, UserManager<ReliefUser> users)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var label = Uri.EscapeDataString($"霍山县社会救助:{user.UserName}");
        return (key!, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString("霍山县社会救助")}&digits=6");
    }

    private static async Task<bool> ConfirmAsync(
        ReliefUser user, UserManager<ReliefUser> users, ReliefIdentityDbContext db, TimeProvider time, string? code, CancellationToken cancellationToken)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, (code ?? "").Replace(" ", "", StringComparison.Ordinal)))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        await Security.Audit.AuditTrail.AppendAsync(db, time, user.Id, "authenticator.enrolled", $"account:{user.Id}", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
