using System.Text.RegularExpressions;

namespace ReliefPlatform.IntegrationTests.Contract;

/// <summary>The API reference page is for a county intranet: it asks nothing of any host but the gateway that served it.</summary>
[Collection(CountyCollection.Name)]
public sealed partial class ReferencePageTests(CountyAppFixture county)
{
    [Fact]
    public async Task The_api_reference_page_turns_off_everything_that_calls_outside_hosts()
    {
        var page = await county.Gateway.GetStringAsync("/api-reference");

        // Scalar's own switches for its AI chat, MCP, usage telemetry and CDN fonts, as the page hands them to the script.
        var configuration = Configuration().Match(page);
        Assert.True(configuration.Success, $"no Scalar configuration on the page:\n{page[..Math.Min(page.Length, 2000)]}");
        var json = configuration.Value;
        Assert.Matches("\"telemetry\"\\s*:\\s*false", json);
        Assert.Matches("\"withDefaultFonts\"\\s*:\\s*false", json);
        Assert.Matches("\"agent\"\\s*:\\s*\\{[^}]*\"disabled\"\\s*:\\s*true", json);
        Assert.Matches("\"mcp\"\\s*:\\s*\\{[^}]*\"disabled\"\\s*:\\s*true", json);
        Assert.DoesNotContain("proxyUrl\":\"http", json, StringComparison.Ordinal);
        // "Generate SDK" and the developer toolbar (Configure, Share, Deploy API, Deploy .NET) both hang on this switch.
        Assert.Matches("\"showDeveloperTools\"\\s*:\\s*\"never\"", json);
        Assert.Matches("\"hideClientButton\"\\s*:\\s*true", json);

        // The script itself comes from the gateway, not a CDN.
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", page);
    }

    [GeneratedRegex(@"\{.*""telemetry"".*\}", RegexOptions.Singleline)]
    private static partial Regex Configuration();
}
