using Microsoft.AspNetCore.Http;
using ReliefPlatform.Portal.Extensions;
using ReliefPlatform.Portal.Hub;
using ReliefPlatform.Portal.SignIn;

namespace ReliefPlatform.UnitTests.Portal;

public sealed class PortalSignInTests
{
    private static HttpRequest GatewayRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:5100");
        return context.Request;
    }

    [Fact]
    public void A_browser_is_sent_to_the_gateway_when_the_discovery_document_names_the_identity_services_internal_address()
    {
        var address = PortalSignIn.BrowserAddress("http://identity/connect/authorize", GatewayRequest(), new PortalOptions());

        Assert.Equal("http://localhost:5100/connect/authorize", address);
    }

    [Fact]
    public void A_configured_browser_origin_wins_over_the_requests_own()
    {
        var address = PortalSignIn.BrowserAddress(
            "http://identity/connect/authorize", GatewayRequest(), new PortalOptions { BrowserOrigin = "https://relief.example.gov.cn/" });

        Assert.Equal("https://relief.example.gov.cn/connect/authorize", address);
    }

    [Theory]
    [InlineData("http://localhost:5106/connect/authorize")]
    [InlineData("http://localhost:5100/connect/authorize")]
    public void The_authorize_endpoint_is_reached_at_the_gateway_that_served_the_page_whatever_address_the_identity_service_publishes(string published)
    {
        Assert.Equal("http://localhost:5100/connect/authorize", PortalSignIn.BrowserAddress(published, GatewayRequest(), new PortalOptions()));
    }

    [Fact]
    public void A_field_message_is_found_under_the_name_the_api_gives_it_whatever_its_case()
    {
        var problem = new ApiProblem("登记信息有误", null, 400, new Dictionary<string, string[]>
        {
            ["members[0].idNumber"] = ["公民身份号码校验码不正确，请核对。"],
        });

        Assert.Equal("公民身份号码校验码不正确，请核对。", problem.For("Members[0].IdNumber"));
        Assert.Null(problem.For("members[1].idNumber"));
    }
}
