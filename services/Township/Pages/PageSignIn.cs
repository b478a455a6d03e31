using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Extensions.Options;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.ServiceCalls;
using ReliefPlatform.Township.Extensions;

namespace ReliefPlatform.Township.Pages;

/// <summary>How the centre's pages sign their users in (section <c>TownshipPages</c>).</summary>
public sealed class PageSignInOptions
{
    public const string Section = "TownshipPages";

    /// <summary>Secret of the <c>relief-township</c> client every centre's pages sign in as (the AppHost hands it out).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A session unused this long is over (front-desk PCs are shared).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session is over this long after signing in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// The pages sign in with authorization code + PKCE as the confidential client <c>relief-township</c>: the browser
/// goes to Identity's sign-in page through the gateway's public origin; the code is exchanged, and the tokens refreshed
/// and revoked, server to server on the county's network. The tokens live in the session cookie, encrypted with the
/// centre's data-protection keys and HttpOnly — nothing on the server to lose when the hub is unreachable, and nothing
/// script or user can read or replay as a bearer token. Every request still presents the access token to the
/// centre's own token validation, so a session signed out or revoked anywhere is refused here too.
/// </summary>
public static partial class PageSignIn
{
    public const string ClientId = "relief-township";
    public const string CookieScheme = "township-pages";
    public const string OidcScheme = "township-pages-oidc";

    private const string SessionStarted = "session_started";

    public static IHostApplicationBuilder AddTownshipPageSignIn(this IHostApplicationBuilder builder, CurrentTownship township)
    {
        builder.Services.AddOptions<PageSignInOptions>().BindConfiguration(PageSignInOptions.Section);
        var options = builder.Configuration.GetSection(PageSignInOptions.Section).Get<PageSignInOptions>() ?? new PageSignInOptions();
        var issuer = SignInOrigin.Issuer(builder.Configuration, builder.Environment);
        var secure = issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                // One cookie per centre: the gateway serves every centre's pages on the same origin.
                cookie.Cookie.Name = $"{TownshipPages.SessionCookie}_{township.Code}";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = secure;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = options.IdleTimeout;
                cookie.SlidingExpiration = false;
                cookie.Events.OnValidatePrincipal = KeepSessionAsync;
                // The pages answer strangers themselves (sign-in redirect or 401), never the handler's own redirects.
                cookie.Events.OnRedirectToLogin = context => Task.CompletedTask;
                cookie.Events.OnRedirectToAccessDenied = context => Task.CompletedTask;
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.Authority = issuer.ToString();
                // Metadata and keys from Identity inside the county's network; the browser is sent to the public origin.
                oidc.MetadataAddress = new Uri(SignInOrigin.IdentityAddress, ".well-known/openid-configuration").ToString();
                oidc.RequireHttpsMetadata = false;
                oidc.ClientId = ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "offline_access", ReliefClaims.ApiScope })
                {
                    oidc.Scope.Add(scope);
                }

                oidc.CallbackPath = "/pages/signin-oidc";
                oidc.SignedOutCallbackPath = "/pages/signout-oidc";
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.TokenValidationParameters.NameClaimType = ReliefClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = ReliefClaims.Role;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = secure;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = secure;
                oidc.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.IssuerAddress = new Uri(issuer, "connect/authorize").ToString();
                    return Task.CompletedTask;
                };
                // A refused or abandoned sign-in (a county role without an authenticator, a stale link) is said on the pages.
                oidc.Events.OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    context.Response.Redirect(PageHtml.Url(context.HttpContext, "login?failed=true"));
                    return Task.CompletedTask;
                };
                oidc.Events.OnTicketReceived = context =>
                {
                    context.Properties!.Items[SessionStarted] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddOptions<OpenIdConnectOptions>(OidcScheme)
            .Configure<IHttpClientFactory>((oidc, clients) => oidc.Backchannel = clients.CreateClient(ServiceTokenHandler.IdentityClient));
        builder.Services.AddHttpClient(ServiceTokenHandler.IdentityClient);
        return builder;
    }

    /// <summary>The access token of the page session in this request, if it has one that is still within its time limits.</summary>
    public static async Task<string?> SessionTokenAsync(HttpContext context)
    {
        var session = await context.AuthenticateAsync(CookieScheme);
        return session.Succeeded ? session.Properties.GetTokenValue("access_token") : null;
    }

    /// <summary>The browser presented a page-session cookie (valid or not): a refused one gets 401, not a sign-in redirect.</summary>
    public static bool PresentedSession(HttpContext context, CurrentTownship township) =>
        context.Request.Cookies.Keys.Any(k => k.StartsWith($"{TownshipPages.SessionCookie}_{township.Code}", StringComparison.Ordinal));

    /// <summary>
    /// 退出: the session's tokens are revoked at Identity server to server (the whole session — every service refuses
    /// them within seconds, whatever the browser does next), the cookie is dropped, and the browser is sent to
    /// Identity's end-session endpoint so the sign-in there ends too, then back to this centre's pages.
    /// </summary>
    public static async Task<IResult> SignOutAsync(HttpContext context)
    {
        var session = await context.AuthenticateAsync(CookieScheme);
        if (session.Succeeded)
        {
            try
            {
                await RevokeAsync(context.RequestServices, session.Properties);
            }
            catch (HttpRequestException)
            {
                // Identity unreachable (the hub link is down): the cookie still goes — it is the only holder of these
                // tokens — and they lapse at their expiry.
                LogRevocationUnreachable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageSignIn)));
            }
        }

        await context.SignOutAsync(CookieScheme);
        var issuer = SignInOrigin.Issuer(context.RequestServices.GetRequiredService<IConfiguration>(), context.RequestServices.GetRequiredService<IHostEnvironment>());
        var back = $"{context.Request.Scheme}://{context.Request.Host}{PageHtml.Url(context, "signed-out")}";
        return Results.Redirect(new Uri(issuer, "connect/endsession").ToString()
            + $"?client_id={ClientId}&post_logout_redirect_uri={Uri.EscapeDataString(back)}");
    }

    /// <summary>
    /// Every request of a session: over after the idle limit (the cookie's own expiry, renewed here on each use) or the
    /// absolute one (ended and revoked here); the access token refreshed a minute before it expires.
    /// </summary>
    private static async Task KeepSessionAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<PageSignInOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var started = context.Properties.Items.TryGetValue(SessionStarted, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (now - started > options.AbsoluteTimeout)
        {
            await RevokeAsync(context.HttpContext.RequestServices, context.Properties);
            await EndAsync(context);
            return;
        }

        var expiresAt = DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var e)
            ? e : DateTimeOffset.MinValue;
        if (expiresAt - now < TimeSpan.FromMinutes(1) && !await RefreshAsync(context.HttpContext.RequestServices, context.Properties, now))
        {
            await EndAsync(context);
            return;
        }

        context.ShouldRenew = true;
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    private static async Task<bool> RefreshAsync(IServiceProvider services, AuthenticationProperties properties, DateTimeOffset now)
    {
        if (properties.GetTokenValue("refresh_token") is not { Length: > 0 } refreshToken)
        {
            return false;
        }

        using var response = await Identity(services).PostAsync(new Uri(SignInOrigin.IdentityAddress, "connect/token"), Form(services, new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
        }));
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        properties.UpdateTokenValue("access_token", tokens.GetProperty("access_token").GetString()!);
        if (tokens.TryGetProperty("refresh_token", out var rotated))
        {
            properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
        }

        if (tokens.TryGetProperty("id_token", out var identity))
        {
            properties.UpdateTokenValue("id_token", identity.GetString()!);
        }

        var lifetime = tokens.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
        properties.UpdateTokenValue("expires_at", now.AddSeconds(lifetime).ToString("O", CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Revoking the refresh token (or, without one, the access token) ends the whole session at Identity.</summary>
    private static async Task RevokeAsync(IServiceProvider services, AuthenticationProperties properties)
    {
        var (kind, token) = properties.GetTokenValue("refresh_token") is { Length: > 0 } refresh
            ? ("refresh_token", refresh)
            : ("access_token", properties.GetTokenValue("access_token"));
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        using var response = await Identity(services).PostAsync(new Uri(SignInOrigin.IdentityAddress, "connect/revoke"),
            Form(services, new() { ["token"] = token, ["token_type_hint"] = kind }));
        response.EnsureSuccessStatusCode();
    }

    private static HttpClient Identity(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(ServiceTokenHandler.IdentityClient);

    private static FormUrlEncodedContent Form(IServiceProvider services, Dictionary<string, string> fields)
    {
        fields["client_id"] = ClientId;
        fields["client_secret"] = services.GetRequiredService<IOptions<PageSignInOptions>>().Value.ClientSecret ?? "";
        return new FormUrlEncodedContent(fields);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing out: Identity could not be reached to revoke the session's tokens; they lapse at expiry")]
    private static partial void LogRevocationUnreachable(ILogger logger);
}
