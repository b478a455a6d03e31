using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Features.SignIn;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Revocation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// The OpenID Connect endpoints OpenIddict hands over to us: token, authorize, userinfo and end-session (RP-initiated
/// sign-out). Revocation (RFC 7009) is OpenIddict's own, extended by <see cref="SessionEndingRevocation"/>.
/// </summary>
public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", Token).ExcludeFromDescription();
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).ExcludeFromDescription();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfo).ExcludeFromDescription();
        app.MapMethods("/connect/endsession", ["GET", "POST"], EndSession).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Token(
        HttpContext http, UserManager<ReliefUser> users, SignInManager<ReliefUser> signIn, ReliefIdentityDbContext db, TimeProvider time,
        RedisTokenRevocations revocations,
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

            // A code or refresh token issued before its subject was revoked (or of a session since ended) redeems nothing.
            if (await revocations.IsRevokedAsync(stored.Principal!, http.RequestAborted))
            {
                return Refuse("登录已失效，请重新登录。");
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

    /// <summary>Who the access token's user is: ids, roles and codes, as in the token itself — nothing personal.</summary>
    private static async Task<IResult> UserInfo(HttpContext http, RedisTokenRevocations revocations, CancellationToken cancellationToken)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null || await revocations.IsRevokedAsync(principal, cancellationToken))
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "登录已失效，请重新登录。",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject)! };
        foreach (var type in new[] { Claims.Name, ReliefClaims.TownshipCode, ReliefClaims.VillageCode, ReliefClaims.ProviderId })
        {
            if (principal.GetClaim(type) is { Length: > 0 } value)
            {
                claims[type] = value;
            }
        }

        claims[Claims.Role] = principal.GetClaims(Claims.Role);
        return Results.Json(claims);
    }

    /// <summary>
    /// RP-initiated sign-out: the session named by <c>id_token_hint</c> ends (its code, access and refresh tokens
    /// revoked everywhere within seconds), the sign-in cookie is dropped, and the browser goes back to the client's
    /// registered <c>post_logout_redirect_uri</c> — or sees that it is signed out.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext http, SignInManager<ReliefUser> signIn, SignedInSessions sessions, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (hint.Principal?.GetAuthorizationId() is { Length: > 0 } session)
        {
            await sessions.EndAsync(session, cancellationToken);
        }

        await signIn.SignOutAsync();
        return string.IsNullOrEmpty(request.PostLogoutRedirectUri)
            ? AccountApi.SignedOutPage()
            : Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
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
