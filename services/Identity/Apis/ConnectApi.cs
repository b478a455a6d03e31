using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Features.SignIn;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Identity.Apis;

/// <summary>The OpenID Connect endpoints OpenIddict hands over to us: token and authorize.</summary>
public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", Token).ExcludeFromDescription();
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Token(
        HttpContext http, UserManager<ReliefUser> users, SignInManager<ReliefUser> signIn, ReliefIdentityDbContext db, TimeProvider time,
        Microsoft.Extensions.Options.IOptions<Extensions.ReliefIdentityOptions> options)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsClientCredentialsGrantType())
        {
            return SignIn(TokenPrincipalFactory.ForService(request.ClientId!, request.GetScopes(), TokenPrincipalFactory.AudiencesFor(request)));
        }

        if (request.IsPasswordGrantType())
        {
            var user = await users.FindByNameAsync(request.Username ?? "");
            if (user is null)
            {
                await SignInRecords.RecordAsync(db, time, null, SignInRecords.UnknownUser, "password-grant", http.RequestAborted);
                return Refuse(AccountApi.WrongCredentialsMessage);
            }

            var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                await SignInRecords.RecordAsync(db, time, user, SignInRecords.LockedOut, "password-grant", http.RequestAborted);
                return Refuse("登录失败次数过多，账户已锁定，请稍后再试。");
            }

            if (result.IsNotAllowed)
            {
                var knows = await users.CheckPasswordAsync(user, request.Password ?? "");
                await SignInRecords.RecordAsync(db, time, user, knows ? SignInRecords.NotAllowed : SignInRecords.WrongPassword, "password-grant", http.RequestAborted);
                return Refuse(knows ? AccountApi.NotAllowedMessage : AccountApi.WrongCredentialsMessage);
            }

            if (!result.Succeeded)
            {
                await SignInRecords.RecordAsync(db, time, user, SignInRecords.WrongPassword, "password-grant", http.RequestAborted);
                return Refuse(AccountApi.WrongCredentialsMessage);
            }

            // CheckPasswordSignInAsync checks the password only; the second factor is ours to demand.
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                var code = request.GetParameter("totp")?.ToString();
                if (string.IsNullOrEmpty(code)
                    || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
                {
                    await SignInRecords.RecordAsync(db, time, user, SignInRecords.WrongCode, "password-grant", http.RequestAborted);
                    return Refuse("该账户需要动态验证码（totp）。");
                }
            }
            else if (await AccountApi.MustEnrolAsync(user, users, options.Value))
            {
                return Refuse("县级账户须先在 /account/enrol 绑定身份验证器。");
            }

            await SignInRecords.RecordAsync(db, time, user, SignInRecords.Succeeded, "password-grant", http.RequestAborted);
            return SignIn(await TokenPrincipalFactory.ForUserAsync(user, users, request.GetScopes(), TokenPrincipalFactory.AudiencesFor(request)));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(stored.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
            {
                return Refuse("账户已不可用。");
            }

            // Rebuilt from the store, so role or township changes take effect at the next refresh.
            return SignIn(await TokenPrincipalFactory.ForUserAsync(user, users, stored.Principal!.GetScopes()));
        }

        return Refuse("不支持的授权类型。", Errors.UnsupportedGrantType);
    }

    private static async Task<IResult> Authorize(
        HttpContext http, UserManager<ReliefUser> users, SignInManager<ReliefUser> signIn, Microsoft.Extensions.Options.IOptions<Extensions.ReliefIdentityOptions> options)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            var query = http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())))
                : http.Request.QueryString;
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal!);
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [IdentityConstants.ApplicationScheme]);
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return Refuse(AccountApi.NotAllowedMessage, Errors.AccessDenied);
        }

        if (await AccountApi.MustEnrolAsync(user, users, options.Value))
        {
            return Refuse("县级账户须先在 /account/enrol 绑定身份验证器。", Errors.AccessDenied);
        }

        return SignIn(await TokenPrincipalFactory.ForUserAsync(user, users, request.GetScopes()));
    }

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string description, string error = Errors.InvalidGrant) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
