using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ReliefPlatform.Security.Revocation;
using ReliefPlatform.ServiceDefaults;
using StackExchange.Redis;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// The county's revocation list as Identity and the lead's account work use it (<see cref="ITokenRevocations"/> on the
/// county's Redis): a revoked subject's or token's live access token is refused within seconds at the gateway and at
/// a service called directly, long before it expires.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class TokenRevocationTests(CountyAppFixture county) : IAsyncLifetime
{
    private const string Mozitan = "341525108";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync(await county.ConnectionStringAsync(ResourceNames.Cache));

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private RedisTokenRevocations Revocations() => new(_redis, TimeProvider.System, NullLogger<RedisTokenRevocations>.Instance);

    [Fact]
    public async Task A_revoked_subjects_live_token_is_refused_within_five_seconds_at_the_gateway_and_at_a_service_called_directly()
    {
        var (token, refreshToken) = await TokensAsync("township-mozitan");
        using var gateway = Bearer(county.Gateway.BaseAddress!, token);
        using var direct = Bearer(county.App.CreateHttpClient(ResourceNames.Assessment).BaseAddress!, token);
        // Used first, so the gateway has the token in its cache of validated tokens.
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync($"/api/assessment/ledger?townshipCode={Mozitan}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync($"/api/assessment/ledger?townshipCode={Mozitan}")).StatusCode);

        using var revocations = Revocations();
        await revocations.RevokeSubjectAsync(Subject(token), CancellationToken.None);

        var refusedIn = await RefusedWithinAsync(gateway, direct, $"/api/assessment/ledger?townshipCode={Mozitan}");
        Assert.True(refusedIn < Within, $"refused after {refusedIn.TotalSeconds:0.0} s");
        // Nor does the refresh token issued before the revocation redeem.
        using var refreshed = await county.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "relief-cli", ["refresh_token"] = refreshToken,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // Tokens issued after the revocation work again (whether to issue them is Identity's decision).
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var again = Bearer(county.Gateway.BaseAddress!, await county.TokenAsync("township-mozitan"));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/assessment/ledger?townshipCode={Mozitan}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_everywhere_while_the_same_users_other_token_still_works()
    {
        var revoked = await county.TokenAsync("township-dahuaping");
        var other = await county.TokenAsync("township-dahuaping");
        using var gateway = Bearer(county.Gateway.BaseAddress!, revoked);
        using var direct = Bearer(county.App.CreateHttpClient(ResourceNames.Catalogue).BaseAddress!, revoked);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/api/catalogue/current")).StatusCode);

        var payload = Payload(revoked);
        using var revocations = Revocations();
        await revocations.RevokeTokenAsync(payload.GetProperty("jti").GetString()!,
            DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("exp").GetInt64()), CancellationToken.None);

        var refusedIn = await RefusedWithinAsync(gateway, direct, "/api/catalogue/current");
        Assert.True(refusedIn < Within, $"refused after {refusedIn.TotalSeconds:0.0} s");
        using var stillGood = Bearer(county.Gateway.BaseAddress!, other);
        Assert.Equal(HttpStatusCode.OK, (await stillGood.GetAsync("/api/catalogue/current")).StatusCode);
    }

    /// <summary>An access and a refresh token for a demo user (the Development password grant with offline_access).</summary>
    private async Task<(string Access, string Refresh)> TokensAsync(string userName)
    {
        using var response = await county.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api offline_access",
            ["username"] = userName, ["password"] = CountyAppFixture.DemoPassword,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>Polls until both the gateway and the service refuse the token with 401 problem+json; how long that took.</summary>
    private static async Task<TimeSpan> RefusedWithinAsync(HttpClient gateway, HttpClient direct, string path)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var viaGateway = await gateway.GetAsync(path);
            using var atService = await direct.GetAsync(path);
            if (viaGateway.StatusCode == HttpStatusCode.Unauthorized && atService.StatusCode == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("application/problem+json", viaGateway.Content.Headers.ContentType?.MediaType);
                Assert.Equal("application/problem+json", atService.Content.Headers.ContentType?.MediaType);
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"still accepted: gateway {viaGateway.StatusCode}, service {atService.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static HttpClient Bearer(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Subject(string token) => Payload(token).GetProperty("sub").GetString()!;

    internal static JsonElement Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='))).RootElement;
    }
}
