using ReliefPlatform.Gateway.Routing;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Gateway;

public sealed class GatewayRoutesTests
{
    private static readonly ServiceDefaults.County.Township Hengshan = new() { Code = "341525100", Name = "衡山镇", Slug = "hengshan" };

    [Fact]
    public void Every_hub_service_is_reached_under_its_own_api_prefix_by_its_discovery_name()
    {
        var (routes, clusters) = GatewayRoutes.Build([], 1024);

        foreach (var service in ResourceNames.HubServices)
        {
            var route = Assert.Single(routes, r => r.RouteId == service);
            Assert.Equal($"/api/{service}/{{**rest}}", route.Match.Path);
            Assert.Equal(1024, route.MaxRequestBodySize);
            var cluster = Assert.Single(clusters, c => c.ClusterId == service);
            Assert.Equal($"http://{service}", Assert.Single(cluster.Destinations!).Value.Address);
        }
    }

    [Fact]
    public void A_township_centre_is_reached_by_its_code_and_sees_its_own_api_path()
    {
        var (routes, clusters) = GatewayRoutes.Build([Hengshan], 1024);

        var route = Assert.Single(routes, r => r.RouteId == "township-hengshan");
        Assert.Equal("/api/townships/341525100/{**rest}", route.Match.Path);
        Assert.Equal("/api/township/{**rest}", Assert.Single(route.Transforms!)["PathPattern"]);
        Assert.Contains(clusters, c => c.ClusterId == "township-hengshan");
    }

    [Fact]
    public void Account_administration_is_routed_to_identity_for_signed_in_callers_only()
    {
        var (routes, _) = GatewayRoutes.Build([Hengshan], 1024);

        var route = Assert.Single(routes, r => r.RouteId == "identity-api");
        Assert.Equal(("/api/identity/{**rest}", "identity"), (route.Match.Path, route.ClusterId));
        Assert.NotEqual(routes.Single(r => r.RouteId == "identity-connect").AuthorizationPolicy, route.AuthorizationPolicy);
    }

    [Fact]
    public void The_reference_page_lists_every_service_document_and_each_is_proxied_from_the_service()
    {
        var (routes, _) = GatewayRoutes.Build([Hengshan], 1024);
        var documents = GatewayRoutes.DocumentNames([Hengshan]).ToList();

        Assert.Equal([.. ResourceNames.HubServices, "identity", "township-hengshan"], documents);
        foreach (var document in documents)
        {
            var route = Assert.Single(routes, r => r.RouteId == $"openapi-{document}");
            Assert.Equal($"/openapi/{document}.json", route.Match.Path);
            Assert.Equal("/openapi/v1.json", Assert.Single(route.Transforms!, t => t.ContainsKey("PathSet"))["PathSet"]);
        }
    }

    [Fact]
    public void A_township_document_is_asked_for_with_the_gateway_base_of_that_township_so_its_paths_are_the_routed_ones()
    {
        var (routes, _) = GatewayRoutes.Build([Hengshan], 1024);

        var document = Assert.Single(routes, r => r.RouteId == "openapi-township-hengshan");
        var header = Assert.Single(document.Transforms!, t => t.ContainsKey("RequestHeader"));
        Assert.Equal(GatewayRoutes.TownshipApiBaseHeader, header["RequestHeader"]);
        // The same base the API route matches: /api/townships/<code>/{**rest}.
        var api = Assert.Single(routes, r => r.RouteId == "township-hengshan");
        Assert.Equal(api.Match.Path!.Replace("/{**rest}", "", StringComparison.Ordinal), header["Set"]);
        Assert.All(routes.Where(r => r.RouteId.StartsWith("openapi-", StringComparison.Ordinal) && r.RouteId != document.RouteId),
            r => Assert.DoesNotContain(r.Transforms!, t => t.ContainsKey("RequestHeader")));
    }

    [Fact]
    public void A_township_that_is_not_running_has_no_route()
    {
        var (routes, _) = GatewayRoutes.Build([Hengshan], 1024);

        Assert.DoesNotContain(routes, r => r.Match.Path!.Contains("341525101", StringComparison.Ordinal));
    }

    [Fact]
    public void The_portal_takes_only_what_no_other_route_claims_and_signs_its_users_in_itself()
    {
        var (routes, clusters) = GatewayRoutes.Build([Hengshan], 1024);

        var portal = Assert.Single(routes, r => r.ClusterId == ResourceNames.Portal);
        Assert.Equal("/{**rest}", portal.Match.Path);
        Assert.True(routes.Where(r => r != portal).All(r => (r.Order ?? 0) < portal.Order), "every other route is tried before the portal's");
        Assert.Equal(GatewayRoutes.Anonymous, portal.AuthorizationPolicy);
        Assert.Equal("http://portal", Assert.Single(clusters, c => c.ClusterId == ResourceNames.Portal).Destinations!.Single().Value.Address);
    }
}
