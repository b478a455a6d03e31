using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using Yarp.ReverseProxy.Configuration;

namespace ReliefPlatform.Gateway.Routing;

/// <summary>
/// The gateway's routing table, built from the app model rather than hand-written per service:
/// <list type="bullet">
/// <item><c>/api/&lt;service&gt;/…</c> → that hub service, path unchanged;</item>
/// <item><c>/api/townships/&lt;code&gt;/…</c> → that township's centre as <c>/api/township/…</c>;</item>
/// <item><c>/openapi/&lt;name&gt;.json</c> → the service's own OpenAPI document, for the reference page (a township's at its gateway paths);</item>
/// <item><c>/connect/…</c>, <c>/account/…</c>, <c>/.well-known/…</c> → the identity service (sign-in, tokens);</item>
/// <item>everything else → the county hub's portal (its pages, its sign-in callback and its Blazor circuit), which signs
/// its users in itself; the API reference page and the health endpoints are the gateway's own.</item>
/// </list>
/// API routes require a valid access token at the gateway; each service checks it again itself.
/// Destinations are service-discovery names (<c>http://assessment</c>), resolved at run time.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>ASP.NET Core's default policy: an authenticated caller.</summary>
    public const string Authenticated = "default";

    public const string Anonymous = "anonymous";

    /// <summary>Tells a township centre at which gateway path its API is served, so its document lists those paths.</summary>
    public const string TownshipApiBaseHeader = "X-Township-Api-Base";

    /// <summary>Largest import file the gateway passes on.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(
        IEnumerable<Township> runningTownships, long maxRequestBodySize)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig> { Cluster(ResourceNames.Identity) };
        foreach (var prefix in new[] { "connect", "account", ".well-known" })
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"identity-{prefix}",
                ClusterId = ResourceNames.Identity,
                Match = new RouteMatch { Path = $"/{prefix}/{{**rest}}" },
                AuthorizationPolicy = Anonymous,
                MaxRequestBodySize = 64 * 1024,
            });
        }

        // Account administration and Identity's audit log: an API like the hub's, for county administrators.
        routes.Add(new RouteConfig
        {
            RouteId = $"{ResourceNames.Identity}-api",
            ClusterId = ResourceNames.Identity,
            Match = new RouteMatch { Path = $"/api/{ResourceNames.Identity}/{{**rest}}" },
            AuthorizationPolicy = Authenticated,
            MaxRequestBodySize = maxRequestBodySize,
        });
        routes.Add(OpenApiRoute(ResourceNames.Identity, ResourceNames.Identity));

        foreach (var service in ResourceNames.HubServices)
        {
            clusters.Add(Cluster(service));
            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                AuthorizationPolicy = Authenticated,
                MaxRequestBodySize = maxRequestBodySize,
            });
            routes.Add(OpenApiRoute(service, service));
        }

        // Monitoring-platform files are large; only their upload path, and the preview that reads the same file first, take
        // them (the service checks its own limit too).
        routes.Add(new RouteConfig
        {
            RouteId = "assessment-imports",
            ClusterId = ResourceNames.Assessment,
            Match = new RouteMatch { Path = "/api/assessment/imports", Methods = ["POST"] },
            AuthorizationPolicy = Authenticated,
            MaxRequestBodySize = MaxUploadBytes,
        });
        routes.Add(new RouteConfig
        {
            RouteId = "assessment-imports-preview",
            ClusterId = ResourceNames.Assessment,
            Match = new RouteMatch { Path = "/api/assessment/imports/preview", Methods = ["POST"] },
            AuthorizationPolicy = Authenticated,
            MaxRequestBodySize = MaxUploadBytes,
        });

        foreach (var township in runningTownships)
        {
            var service = ResourceNames.TownshipService(township.Slug);
            clusters.Add(Cluster(service));
            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/townships/{township.Code}/{{**rest}}" },
                AuthorizationPolicy = Authenticated,
                MaxRequestBodySize = maxRequestBodySize,
                Transforms = [new Dictionary<string, string> { ["PathPattern"] = "/api/township/{**rest}" }],
            });
            // The centre's document, moved to the paths above (the centre rewrites them when told its gateway base).
            routes.Add(OpenApiRoute(service, service) with
            {
                Transforms =
                [
                    .. OpenApiRoute(service, service).Transforms!,
                    new Dictionary<string, string> { ["RequestHeader"] = TownshipApiBaseHeader, ["Set"] = $"/api/townships/{township.Code}" },
                ],
            });
            // The centre's own pages (they sign their users in themselves); links are built under the forwarded prefix.
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-pages",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/townships/{township.Code}/pages/{{**rest}}" },
                AuthorizationPolicy = Anonymous,
                MaxRequestBodySize = 64 * 1024,
                Transforms =
                [
                    new Dictionary<string, string> { ["PathPattern"] = "/pages/{**rest}" },
                    new Dictionary<string, string> { ["RequestHeader"] = "X-Township-Pages-Base", ["Set"] = $"/townships/{township.Code}" },
                ],
            });
        }

        clusters.Add(Cluster(ResourceNames.Portal));
        routes.Add(new RouteConfig
        {
            RouteId = ResourceNames.Portal,
            ClusterId = ResourceNames.Portal,
            Match = new RouteMatch { Path = "/{**rest}" },
            // After every other route: the portal takes only what nothing else claims.
            Order = int.MaxValue,
            AuthorizationPolicy = Anonymous,
            MaxRequestBodySize = 1024 * 1024,
        });

        return (routes, clusters);
    }

    /// <summary>Document names the reference page lists, in routing order.</summary>
    public static IEnumerable<string> DocumentNames(IEnumerable<Township> runningTownships) =>
        ResourceNames.HubServices.Append(ResourceNames.Identity).Concat(runningTownships.Select(t => ResourceNames.TownshipService(t.Slug)));

    private static ClusterConfig Cluster(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
    };

    private static RouteConfig OpenApiRoute(string document, string cluster) => new()
    {
        RouteId = $"openapi-{document}",
        ClusterId = cluster,
        Match = new RouteMatch { Path = $"/openapi/{document}.json", Methods = ["GET"] },
        AuthorizationPolicy = Anonymous,
        Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
    };
}
