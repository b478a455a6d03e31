using Microsoft.AspNetCore.Identity;
using ReliefPlatform.Identity.Apis;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Identity.IntegrationEvents;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Revocation;
using ReliefPlatform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Identity.Extensions;

internal static class ApplicationServiceExtensions
{
    /// <summary>The APIs (account administration, audit) take bearer tokens only, never Identity's sign-in cookie.</summary>
    public static readonly Microsoft.AspNetCore.Authorization.AuthorizeAttribute BearerOnly =
        new() { AuthenticationSchemes = OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme };

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReliefIdentityDbContext>(ResourceNames.DatabaseOf(ResourceNames.Identity));
        // Provider approvals and suspensions: a provider's staff sign in only while it is approved.
        builder.AddMessaging<ReliefIdentityDbContext>(ResourceNames.Identity, bus =>
        {
            bus.AddConsumer<ProviderApprovedConsumer>();
            bus.AddConsumer<ProviderSuspendedConsumer>();
        });
        builder.Services.AddAuditLogDatabase<ReliefIdentityDbContext>();
        builder.Services.AddCallerServices();
        builder.Services.AddOptions<ReliefIdentityOptions>().BindConfiguration(ReliefIdentityOptions.Section);
        // Sign-out, and the account changes that must end sessions, write to the county's revocation list.
        builder.AddTokenRevocations();
        builder.Services.AddScoped<SignedInSessions>();

        builder.Services.AddIdentity<ReliefUser, IdentityRole>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = true;
                identity.Password.RequireLowercase = true;
                identity.Password.RequireUppercase = true;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
                identity.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<ReliefIdentityDbContext>()
            .AddSignInManager<ReliefSignInManager>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.Cookie.Name = "relief.identity";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Front-desk PCs are shared: the sign-in session lapses after 15 idle minutes, and 退出 ends it (end-session).
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(15);
            cookie.SlidingExpiration = true;
        });

        var development = builder.Environment.IsDevelopment();
        var identityOptions = builder.Configuration.GetSection(ReliefIdentityOptions.Section).Get<ReliefIdentityOptions>() ?? new ReliefIdentityOptions();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ReliefIdentityDbContext>())
            .AddServer(server =>
            {
                // The county's one public origin (the gateway): the issuer of every token, and — for requests that come through
                // the gateway (UsePublicOrigin) — the origin of every endpoint in the discovery document.
                server.SetIssuer(SignInOrigin.Issuer(builder.Configuration, builder.Environment));
                server.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AllowClientCredentialsFlow();
                server.AllowRefreshTokenFlow();
                if (development)
                {
                    // For demo scripts and tests only; the portal signs in with code + PKCE.
                    server.AllowPasswordFlow();
                }

                server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, ReliefClaims.ApiScope);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                server.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                AddKeys(server, identityOptions, development);
                server.DisableAccessTokenEncryption();
                // Revoking one token of a session (RFC 7009) ends the whole session, as signing out does.
                server.AddEventHandler(SessionEndingRevocation.Descriptor);
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            // Account administration takes bearer tokens like every other API, validated by this server's own keys.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(ResourceNames.Identity);
                validation.RefuseRevokedTokens();
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromBodyForm()
                    .DisableAccessTokenExtractionFromQueryString();
            });

        builder.Services.AddAuthorization();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Durable keys from configuration; throw-away ones only in Development when none are configured.</summary>
    private static void AddKeys(OpenIddictServerBuilder server, ReliefIdentityOptions options, bool development)
    {
        if (options.SigningKey is { Length: > 0 } signing && options.EncryptionKey is { Length: > 0 } encryption)
        {
            var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(signing), out _);
            server.AddSigningKey(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa));
            server.AddEncryptionKey(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(encryption)));
        }
        else if (development)
        {
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
        }
        else
        {
            throw new InvalidOperationException("Identity:SigningKey and Identity:EncryptionKey must be configured outside Development.");
        }
    }
}
