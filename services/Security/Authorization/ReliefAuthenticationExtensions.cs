using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;
using ReliefPlatform.Security.Revocation;

namespace ReliefPlatform.Security.Authorization;

public static class ReliefAuthenticationExtensions
{
    public const string WritePolicy = "may-write";

    /// <summary>
    /// Every service validates access tokens itself (the public issuer, signature from the identity service's keys,
    /// lifetime, and its own audience), so a call that bypasses the gateway gains nothing. Every endpoint
    /// requires an authenticated caller unless it says otherwise; <see cref="WritePolicy"/> keeps
    /// read-only roles (supervisors) from changing anything. A token on the county's revocation list (a session
    /// signed out, an account disabled) is refused like an expired one.
    /// </summary>
    public static IHostApplicationBuilder AddReliefAuthentication(this IHostApplicationBuilder builder, params string[] audiences)
    {
        builder.AddTokenRevocations();
        builder.Services.AddOpenIddict().AddValidation(validation =>
        {
            // The public issuer, with metadata and keys fetched from Identity over the county's internal network.
            validation.SetIssuer(SignInOrigin.Issuer(builder.Configuration, builder.Environment));
            validation.Configure(options => options.ConfigurationEndpoint = new Uri(SignInOrigin.IdentityAddress, ".well-known/openid-configuration"));
            validation.AddAudiences(audiences);
            validation.UseSystemNetHttp();
            validation.RefuseRevokedTokens();
            // Tokens only from the Authorization header: a query string ends up in logs, and reading a form
            // body here would consume what the gateway must forward.
            validation.UseAspNetCore()
                .DisableAccessTokenExtractionFromBodyForm()
                .DisableAccessTokenExtractionFromQueryString();
        });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WritePolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => !new CurrentUser(c.User).IsReadOnly));

        builder.Services.AddCallerServices();
        return builder;
    }

    /// <summary>
    /// 401 and 403 as problem+json (in Chinese), and <see cref="CurrentUser"/> for endpoints: for every service, and for
    /// Identity, which validates tokens for its own account administration with its local server.
    /// </summary>
    public static IServiceCollection AddCallerServices(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
        return services;
    }
}
