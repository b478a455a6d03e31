using System.Globalization;
using AntDesign;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using ReliefPlatform.Portal.Components;
using ReliefPlatform.Portal.Hub;
using ReliefPlatform.Portal.SignIn;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Portal.Extensions;

internal static class PortalExtensions
{
    /// <summary>Chinese first; English on request (the language switch in the header).</summary>
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();

        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddPortalSignIn(options);
        builder.Services.AddHttpClient<HubClient>(http => http.BaseAddress = new Uri(options.HubAddress));
        builder.Services.AddSingleton<Components.Shared.CountyNames>();

        builder.Services.AddLocalization(localization => localization.ResourcesPath = "Resources");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntDesign();

        // Behind the gateway: links and the sign-in callback use the origin the browser sees.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        return builder;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLocalization(localization =>
        {
            localization.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            localization.SupportedCultures = Cultures;
            localization.SupportedUICultures = Cultures;
            // Only the portal's own switch decides; a browser's English Accept-Language does not override Chinese.
            localization.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalSignIn();
        app.MapDownloads();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
        return app;
    }
}
