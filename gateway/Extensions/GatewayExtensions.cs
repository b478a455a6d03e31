using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using ReliefPlatform.Gateway.Protection;
using ReliefPlatform.Gateway.Routing;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using Scalar.AspNetCore;

namespace ReliefPlatform.Gateway.Extensions;

internal static class GatewayExtensions
{
    /// <summary>The API reference page (Scalar); <c>/</c> is the county hub's portal.</summary>
    public const string ApiReferencePath = "/api-reference";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var county = builder.Configuration.GetSection(CountyOptions.Section).Get<CountyOptions>() ?? new CountyOptions();
        var townships = RunningTownships(options, county);

        builder.AddReliefAuthentication([.. ResourceNames.HubServices, ReliefClaims.TownshipAudience, ResourceNames.Identity]);
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        builder.Services.AddAuthentication(CachedTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CachedTokenAuthenticationHandler>(
                CachedTokenAuthenticationHandler.SchemeName, null);
        // Rate-limit counters and idempotency keys live in Redis, shared by every gateway replica (the client comes with
        // AddReliefAuthentication's revocation list).
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        var (routes, clusters) = GatewayRoutes.Build(townships, options.MaxRequestBodySize);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddSingleton(Options.Create(new ReferenceDocuments([.. GatewayRoutes.DocumentNames(townships)])));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseMiddleware<RedisRateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        var documents = app.Services.GetRequiredService<IOptions<ReferenceDocuments>>().Value;
        var page = app.MapScalarApiReference(ApiReferencePath, reference =>
        {
            reference.WithTitle("ReliefPlatform API · 霍山县服务类社会救助");
            // A county intranet page: nothing on it may call outside this machine — no AI chat, no MCP, no usage
            // telemetry, no fonts from a CDN, no proxy for "Try it", no SDK/deploy upsells.
            reference.Agent = new ScalarAgentOptions { Disabled = true };
            reference.Mcp = new ScalarMcpOptions { Disabled = true };
            reference.Telemetry = false;
            reference.DefaultFonts = false;
            reference.ProxyUrl = null;
            reference.DotNetFlag = false;
            // Also what keeps "Generate SDK" and the developer toolbar's "Deploy API"/"Deploy .NET" off: Scalar 2.19's script
            // enables them only when showDeveloperTools is not "never".
            reference.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            reference.HideClientButton = true;
            foreach (var name in documents.Names)
            {
                reference.AddDocument(name, name);
            }
        });
        page.AllowAnonymous();
        app.MapReverseProxy();
        return app;
    }

    private static List<Township> RunningTownships(GatewayOptions options, CountyOptions county) =>
        options.Townships.Select(code => county.FindTownship(code)
            ?? throw new InvalidOperationException($"Gateway:Townships names '{code}', which is not a township of the county."))
            .ToList();

    private sealed record ReferenceDocuments(IReadOnlyList<string> Names);
}
