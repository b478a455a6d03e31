using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Identity.Extensions;

internal static class PublicOriginExtensions
{
    /// <summary>
    /// A request that came through the gateway (it carries the proxy's X-Forwarded-Host) is answered in the name of the
    /// county's public origin: the discovery document, the sign-in redirects and cookies then name the address people
    /// and clients actually reach, never Identity's own. The header is only the signal — its value is not trusted; the
    /// origin comes from <c>SignIn:PublicOrigin</c>. A call from inside the network (a service fetching metadata and
    /// keys) is answered at the address it used.
    /// </summary>
    public static WebApplication UsePublicOrigin(this WebApplication app)
    {
        var issuer = SignInOrigin.Issuer(app.Configuration, app.Environment);
        var host = HostString.FromUriComponent(issuer);
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Forwarded-Host"))
            {
                context.Request.Scheme = issuer.Scheme;
                context.Request.Host = host;
            }

            return next(context);
        });
        return app;
    }
}
