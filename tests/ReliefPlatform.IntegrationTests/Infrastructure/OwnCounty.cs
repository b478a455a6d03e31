using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that start a county of their own (a restore drill, a broker cluster) run one after another and alone, after the
/// parallel collections (the shared county's among them) have finished: CI twice failed when one ran beside the shared
/// county on two cores — a broker member's outage outlasted its test's wait, and a portal registration its 60 s.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnCountyCollection
{
    public const string Name = "own county";
}

/// <summary>Starting a county of a test's own and signing in to it.</summary>
internal static class OwnCounty
{
    /// <summary>Starts the AppHost with these arguments (and 衡山镇's centre) and waits until the county and <paramref name="alsoHealthy"/> are healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(string demoPassword, IEnumerable<string> arguments, params string[] alsoHealthy)
    {
        using var timeout = new CancellationTokenSource(CountyAppFixture.StartLimit);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
            [.. arguments, "--Townships:Run=hengshan", $"--Secrets:demo-password={demoPassword}", "--Demo:Seed=false"], timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        var resources = new List<string> { ResourceNames.Gateway, ResourceNames.Identity, ResourceNames.TownshipService("hengshan") };
        resources.AddRange(ResourceNames.HubServices);
        resources.AddRange(alsoHealthy);
        await CountyAppFixture.WaitHealthyOrSayWhyAsync(app, resources, timeout.Token);
        return app;
    }

    /// <summary>A client of the county's gateway signed in as a demo user (the password grant of the relief-cli client).</summary>
    public static async Task<HttpClient> ClientAsync(DistributedApplication app, string userName, string demoPassword)
    {
        var client = app.CreateHttpClient(ResourceNames.Gateway);
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "relief-cli",
            ["scope"] = "relief.api",
            ["username"] = userName,
            ["password"] = demoPassword,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"no token for {userName}: {body}");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }
}
