using ReliefPlatform.ServiceDefaults.Printing;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>Headers that keep browsers from sniffing, framing, leaking referrers or caching personal data.</summary>
internal static class SecurityHeadersMiddleware
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/connect"))
            {
                // API answers hold personal data: never cached, never rendered as a page.
                headers.CacheControl = "no-store";
                headers.ContentSecurityPolicy = ApiPolicy(headers.ContentSecurityPolicy);
            }

            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>
    /// Nothing may load or run on an API answer; a printable page (catalogue, receipt) keeps only the style hashes its
    /// service named for its own stylesheet — any other part of a service's policy is replaced, not trusted.
    /// </summary>
    private static string ApiPolicy(string? servicePolicy) => PrintablePage.StyleHashes(servicePolicy) is { Count: > 0 } hashes
        ? $"default-src 'none'; style-src {string.Join(' ', hashes)}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        : "default-src 'none'; frame-ancestors 'none'";
}
