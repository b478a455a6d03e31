using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>What the gateway adds in front of every service: headers, shared rate limits, idempotent POSTs.</summary>
[Collection(CountyCollection.Name)]
public sealed class GatewayProtectionTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task API_answers_are_never_cached_sniffed_or_framed()
    {
        var caseworker = await county.ClientForAsync("caseworker");

        var response = await caseworker.GetAsync("/api/catalogue/classes");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Hammering_sign_in_gets_429_with_Retry_After_after_the_limit_counted_across_gateway_replicas()
    {
        // Fired together, so they fall in one window; the gateway runs as two replicas sharing Redis.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 14).Select(_ => county.Gateway.PostAsync("/connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api",
                ["username"] = "visitor-dongxixi", ["password"] = "NotThePassword1",
            }))));

        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(4, limited.Count);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.All(attempts.Except(limited), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task A_retried_POST_with_the_same_idempotency_key_returns_the_first_result_and_registers_once()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid().ToString();
        var body = new { townshipCode = Hengshan, villageCode = $"{Hengshan}203", category = "低保", memberCount = 4 };
        var before = await TotalAsync(caseworker);

        var first = await PostAsync(caseworker, key, body);
        var retry = await PostAsync(caseworker, key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var retryId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, retryId);
        Assert.Equal(before + 1, await TotalAsync(caseworker));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_request_is_refused()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid().ToString();
        await PostAsync(caseworker, key, new { townshipCode = Hengshan, villageCode = $"{Hengshan}203", category = "低保", memberCount = 1 });

        var reused = await PostAsync(caseworker, key, new { townshipCode = Hengshan, villageCode = $"{Hengshan}203", category = "低保", memberCount = 2 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessment/households") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<int> TotalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Hengshan}&pageSize=1")).GetProperty("total").GetInt32();
}
