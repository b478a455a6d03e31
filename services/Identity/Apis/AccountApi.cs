using System.Net;
using Microsoft.AspNetCore.Identity;
using ReliefPlatform.Identity.Domain.Users;

namespace ReliefPlatform.Identity.Apis;

/// <summary>The sign-in page the authorize endpoint sends a browser to (zh-CN), with lockout and a second factor.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/login", (string? returnUrl) => Page(returnUrl, null)).ExcludeFromDescription();
        app.MapPost("/account/login", Login).DisableAntiforgery().ExcludeFromDescription();

        // Enrolling an authenticator (TOTP) for the signed-in user: GET gives the key, POST confirms a code.
        var signedIn = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme };
        app.MapGet("/account/authenticator", AuthenticatorKey).RequireAuthorization(signedIn).ExcludeFromDescription();
        app.MapPost("/account/authenticator", EnableAuthenticator).RequireAuthorization(signedIn).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    public sealed record AuthenticatorKeyResponse(string SharedKey, string OtpauthUri);

    public sealed record EnableAuthenticatorRequest(string? Code);

    private static async Task<IResult> AuthenticatorKey(HttpContext http, UserManager<ReliefUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var label = Uri.EscapeDataString($"霍山县社会救助:{user.UserName}");
        return Results.Ok(new AuthenticatorKeyResponse(key!, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString("霍山县社会救助")}&digits=6"));
    }

    private static async Task<IResult> EnableAuthenticator(EnableAuthenticatorRequest request, HttpContext http, UserManager<ReliefUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var code = (request.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["code"] = ["动态验证码不正确，请输入身份验证器当前显示的6位数字。"] },
                title: "身份验证器未绑定");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return Results.Ok(new { enabled = true });
    }

    private static async Task<IResult> Login(HttpContext http, SignInManager<ReliefUser> signIn)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var result = await signIn.PasswordSignInAsync(form["username"].ToString(), form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            var code = form["totp"].ToString().Replace(" ", "", StringComparison.Ordinal);
            result = string.IsNullOrEmpty(code)
                ? result
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (!result.Succeeded)
            {
                return Page(returnUrl, "请输入身份验证器中的6位动态验证码。");
            }
        }
        else if (result.IsLockedOut)
        {
            return Page(returnUrl, "登录失败次数过多，账户已锁定15分钟。");
        }
        else if (!result.Succeeded)
        {
            return Page(returnUrl, "用户名或密码不正确。");
        }

        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>What a browser sees after signing out without a way back to the client.</summary>
    public static IResult SignedOutPage() => Results.Content("""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>已退出 · 霍山县服务类社会救助平台</title></head>
        <body><h1>霍山县服务类社会救助平台</h1><p role="status">您已安全退出登录。</p></body></html>
        """, "text/html; charset=utf-8");

    private static IResult Page(string? returnUrl, string? error) => Results.Content($$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>登录 · 霍山县服务类社会救助平台</title>
        <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}
        label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.6rem;font-size:1rem}
        button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem}.error{color:#b00020}</style></head>
        <body><h1>霍山县服务类社会救助平台</h1>
        {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
        <form method="post" action="/account/login">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
        <label for="username">用户名</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <label for="totp">动态验证码（县级账户）</label><input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code">
        <button type="submit">登录</button></form></body></html>
        """, "text/html; charset=utf-8");
}
