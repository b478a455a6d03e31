using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.UnitTests.Security;

public sealed class SignInOriginTests
{
    private static Uri Issuer(string? origin, string environment) => SignInOrigin.Issuer(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SignIn:PublicOrigin"] = origin }).Build(),
        new Environment(environment));

    [Theory]
    [InlineData("https://jiuzhu.example.gov.cn", "Production", "https://jiuzhu.example.gov.cn/")]
    [InlineData("https://jiuzhu.example.gov.cn:8443/", "Production", "https://jiuzhu.example.gov.cn:8443/")]
    [InlineData("http://localhost:5100", "Development", "http://localhost:5100/")]
    [InlineData("http://gateway.county.lan", "Development", "http://gateway.county.lan/")]
    [InlineData("http://localhost:41234", "Production", "http://localhost:41234/")]
    [InlineData("http://127.0.0.1:41234", "Production", "http://127.0.0.1:41234/")]
    public void The_issuer_is_the_public_origin_with_a_trailing_slash(string origin, string environment, string issuer)
    {
        Assert.Equal(new Uri(issuer), Issuer(origin, environment));
    }

    [Theory]
    [InlineData("http://jiuzhu.example.gov.cn", "Production")]
    [InlineData("http://jiuzhu.example.gov.cn", "Staging")]
    [InlineData("https://jiuzhu.example.gov.cn/relief", "Production")]
    [InlineData("https://jiuzhu.example.gov.cn/?x=1", "Production")]
    [InlineData("ftp://jiuzhu.example.gov.cn", "Development")]
    [InlineData("jiuzhu.example.gov.cn", "Development")]
    [InlineData(null, "Development")]
    public void An_unsafe_or_missing_public_origin_stops_the_service(string? origin, string environment)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Issuer(origin, environment));
        Assert.Contains("SignIn:PublicOrigin", refused.Message, StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
