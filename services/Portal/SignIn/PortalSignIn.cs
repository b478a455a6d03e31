using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ReliefPlatform.Portal.Extensions;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Portal.SignIn;

/// <summary>
/// Sign-in with the county's identity service as the <c>relief-portal</c> client: authorization code + PKCE,
/// tokens kept on the server (<see cref="SessionTokens"/>), the browser holding one HttpOnly cookie.
/// The user's claims (name, roles, township) are those of the access token the APIs will see, so the portal
/// shows the user exactly as the APIs treat them.
/// </summary>
internal static class PortalSignIn
{
    /// <summary>The HTTP client of the back channel to the identity service (discovery, code redemption, refresh).</summary>
    public const string IdentityClient = "identity";

    public static IHostApplicationBuilder AddPortalSignIn(this IHostApplicationBuilder builder, PortalOptions portal)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddHttpClient(IdentityClient);

        builder.Services.AddAuthentication(authentication =>
            {
                authentication.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                authentication.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "relief.portal";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionTokens.Lifetime;
                cookie.SlidingExpiration = false;
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = portal.Authority;
                oidc.MetadataAddress = portal.MetadataAddress;
                oidc.RequireHttpsMetadata = false;
                oidc.ClientId = portal.ClientId;
                oidc.ResponseType = "code";
                // A plain redirect back (no cross-site form post), so the correlation cookies can stay SameSite=Lax over HTTP.
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                oidc.CallbackPath = "/signin-oidc";
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("offline_access");
                oidc.Scope.Add(ReliefClaims.ApiScope);
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.DisableTelemetry = true;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.TokenValidationParameters.NameClaimType = ReliefClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = ReliefClaims.Role;
                oidc.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.IssuerAddress = BrowserAddress(context.ProtocolMessage.IssuerAddress, context.Request, portal);
                    return Task.CompletedTask;
                };
                oidc.Events.OnTokenValidated = KeepTokensOnServerAsync;
            });
        // The back channel resolves service-discovery names (http://identity/) like every other call.
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((oidc, clients) => oidc.Backchannel = clients.CreateClient(IdentityClient));
        builder.Services.AddAuthorization();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        app.MapPost("/signout", async (HttpContext http, SessionTokens tokens) =>
        {
            if (http.User.FindFirst(PortalClaims.Session)?.Value is { } session)
            {
                await tokens.RemoveAsync(session);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signed-out");
        });

        // The language switch: a cookie the request-localization middleware reads, then back to the page.
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            if (PortalExtensions.Cultures.Any(c => c.Name == name))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            }

            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The authorize endpoint as a browser reaches it: at the gateway that served the page (or the configured public
    /// origin), which routes <c>/connect/…</c> to the identity service. The discovery document may name the identity
    /// service's own address (<c>http://identity/…</c>, or the port it listens on), which a county's browsers do not reach.
    /// </summary>
    internal static string BrowserAddress(string endpoint, HttpRequest request, PortalOptions portal)
    {
        var origin = string.IsNullOrEmpty(portal.BrowserOrigin) ? $"{request.Scheme}://{request.Host}" : portal.BrowserOrigin.TrimEnd('/');
        return origin + new Uri(endpoint).PathAndQuery;
    }

    private static async Task KeepTokensOnServerAsync(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse
            ?? throw new InvalidOperationException("The identity service answered the code without tokens.");
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var session = Guid.NewGuid().ToString("N");
        await context.HttpContext.RequestServices.GetRequiredService<SessionTokens>().SaveAsync(session, TokenSet.From(response, time.GetUtcNow()));

        // The access token came straight from the token endpoint over the back channel: its claims are the user's as the APIs see them.
        var access = new JsonWebToken(response.AccessToken);
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ReliefClaims.Name, ReliefClaims.Role);
        foreach (var type in new[] { ReliefClaims.Subject, ReliefClaims.Name, ReliefClaims.Role, ReliefClaims.TownshipCode, ReliefClaims.VillageCode, ReliefClaims.ProviderId })
        {
            identity.AddClaims(access.Claims.Where(c => c.Type == type).Select(c => new Claim(type, c.Value)));
        }

        identity.AddClaim(new Claim(PortalClaims.Session, session));
        context.Principal = new ClaimsPrincipal(identity);
    }

    /// <summary>A cookie whose session has ended on the server (signed out, refresh refused) no longer signs anyone in.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var session = context.Principal?.FindFirst(PortalClaims.Session)?.Value;
        if (session is null || !await context.HttpContext.RequestServices.GetRequiredService<SessionTokens>().ExistsAsync(session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
