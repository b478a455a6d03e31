using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// An <c>Idempotency-Key</c> belongs to its caller and the request it first came with, at the gateway and at the
/// service alike: the same request again gets the first answer; any other use of the key is refused loudly (422) —
/// after the walls and validation, which still answer 403 or 400 first; nothing is ever silently dropped.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class IdempotencyKeyTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";
    private const string Households = "/api/assessment/households";
    private const string UsedElsewhere = "幂等键已用于其他请求";

    private static object Household(string township, int members) =>
        new { townshipCode = township, villageCode = $"{township}203", category = "低保", memberCount = members };

    [Fact]
    public async Task Another_users_request_with_a_used_key_is_refused_with_422_and_succeeds_once_sent_with_its_own_key()
    {
        var townshipStaff = await county.ClientForAsync("township-hengshan");
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid();
        var before = await TotalAsync(caseworker);

        var first = await PostAsync(townshipStaff, Households, key, Household(Hengshan, 1));
        var othersRequest = await PostAsync(caseworker, Households, key, Household(Hengshan, 3));
        // Even the very same body: another caller is never served someone else's answer.
        var othersCopy = await PostAsync(caseworker, Households, key, Household(Hengshan, 1));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertUsedElsewhereAsync(othersRequest);
        await AssertUsedElsewhereAsync(othersCopy);
        Assert.Equal(before + 1, await TotalAsync(caseworker));

        var withoutKey = await caseworker.PostAsJsonAsync(Households, Household(Hengshan, 3));
        var withOwnKey = await PostAsync(caseworker, Households, Guid.NewGuid(), Household(Hengshan, 3));
        Assert.Equal(HttpStatusCode.Created, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withOwnKey.StatusCode);
        Assert.Equal(before + 3, await TotalAsync(caseworker));
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"{Households}/{await IdAsync(withOwnKey)}");
        Assert.Equal(3, registered.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task The_same_user_repeating_the_same_request_gets_the_first_answer_from_the_gateway_and_the_service_with_one_effect()
    {
        var townshipStaff = await county.ClientForAsync("township-hengshan");
        var atTheService = await county.ClientForAsync("township-hengshan", ResourceNames.Assessment);
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid();
        var before = await TotalAsync(caseworker);

        var first = await PostAsync(townshipStaff, Households, key, Household(Hengshan, 2));
        var again = await PostAsync(townshipStaff, Households, key, Household(Hengshan, 2));
        var directly = await PostAsync(atTheService, Households, key, Household(Hengshan, 2));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var id = await IdAsync(first);
        foreach (var replay in new[] { again, directly })
        {
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(first.Headers.Location, replay.Headers.Location);
            Assert.Equal(id, await IdAsync(replay));
        }

        Assert.False(again.Headers.Contains("Idempotency-Key-Kept"), "the service's marker for the gateway is not passed on to clients");
        Assert.Equal(before + 1, await TotalAsync(caseworker));
    }

    [Fact]
    public async Task The_same_user_sending_a_different_body_with_a_used_key_gets_422_and_nothing_is_written()
    {
        var townshipStaff = await county.ClientForAsync("township-hengshan");
        var atTheService = await county.ClientForAsync("township-hengshan", ResourceNames.Assessment);
        var caseworker = await county.ClientForAsync("caseworker");
        var visited = await Assessments.RegisterAsync(caseworker, Hengshan, "205");
        var key = Guid.NewGuid();
        var before = await TotalAsync(caseworker);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(townshipStaff, Households, key, Household(Hengshan, 1))).StatusCode);

        await AssertUsedElsewhereAsync(await PostAsync(townshipStaff, Households, key, Household(Hengshan, 4)));
        await AssertUsedElsewhereAsync(await PostAsync(atTheService, Households, key, Household(Hengshan, 4)));
        // The same key on another operation is another request too, however valid.
        await AssertUsedElsewhereAsync(await PostAsync(townshipStaff, $"{Households}/{visited}/visits", key,
            new { place = "home", visitedAt = DateTimeOffset.UtcNow.AddHours(-1), finding = "入户走访" }));

        Assert.Equal(before + 1, await TotalAsync(caseworker));
        Assert.Empty((await caseworker.GetFromJsonAsync<JsonElement>($"{Households}/{visited}/visits")).EnumerateArray());
    }

    [Fact]
    public async Task A_write_into_another_township_with_a_used_key_is_refused_by_the_township_wall_not_answered_from_the_key()
    {
        var hengshanStaff = await county.ClientForAsync("township-hengshan");
        var foziligStaff = await county.ClientForAsync("township-foziling");
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid();
        var first = await PostAsync(hengshanStaff, Households, key, Household(Hengshan, 1));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await TotalAsync(caseworker);

        // Another township's staff with the key, into the key owner's township; and the owner, into another township.
        var intruder = await PostAsync(foziligStaff, Households, key, Household(Hengshan, 1));
        var ownerAbroad = await PostAsync(hengshanStaff, Households, key, Household(Foziling, 1));

        Assert.Equal(HttpStatusCode.Forbidden, intruder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ownerAbroad.StatusCode);
        Assert.Equal("application/problem+json", ownerAbroad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TotalAsync(caseworker));
        // The refusals used nothing up: the owner's own retry still gets its first answer.
        var retry = await PostAsync(hengshanStaff, Households, key, Household(Hengshan, 1));
        Assert.Equal(await IdAsync(first), await IdAsync(retry));
    }

    [Fact]
    public async Task An_invalid_body_with_a_used_key_is_refused_by_validation_with_its_field_errors()
    {
        var townshipStaff = await county.ClientForAsync("township-hengshan");
        var caseworker = await county.ClientForAsync("caseworker");
        var key = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(townshipStaff, Households, key, Household(Hengshan, 1))).StatusCode);
        var before = await TotalAsync(caseworker);
        var invalid = new { townshipCode = Hengshan, villageCode = $"{Hengshan}203", category = "富裕户", memberCount = 1 };

        foreach (var client in new[] { townshipStaff, caseworker })
        {
            var refused = await PostAsync(client, Households, key, invalid);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("category", out _), problem.ToString());
        }

        Assert.Equal(before, await TotalAsync(caseworker));
    }

    /// <summary>
    /// An operation whose service keeps no keys (referrals) is kept by the gateway alone, by the same rule: the same
    /// request again is answered from the first; the caller's key with another request is 422; another caller's key
    /// space is its own.
    /// </summary>
    [Fact]
    public async Task The_gateway_keeps_keys_by_the_same_rule_where_the_service_keeps_none()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var countyAdmin = await county.ClientForAsync("county-admin");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "204");
        var key = Guid.NewGuid();
        var referral = new { householdId = household, department = "health", need = "需要慢病随访" };

        var first = await PostAsync(caseworker, "/api/delivery/referrals", key, referral);
        var again = await PostAsync(caseworker, "/api/delivery/referrals", key, referral);
        var changed = await PostAsync(caseworker, "/api/delivery/referrals", key, new { householdId = household, department = "education", need = "需要助学" });
        var othersOwn = await PostAsync(countyAdmin, "/api/delivery/referrals", key, new { householdId = household, department = "justice", need = "需要法律援助" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await IdAsync(first), await IdAsync(again));
        await AssertUsedElsewhereAsync(changed);
        Assert.Equal(HttpStatusCode.Created, othersOwn.StatusCode);
        var referrals = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray()
            .Where(r => r.GetProperty("householdId").GetGuid() == household).Select(r => r.GetProperty("department").GetString()).Order().ToList();
        Assert.Equal(["health", "justice"], referrals);
    }

    private static async Task AssertUsedElsewhereAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(UsedElsewhere, problem.GetProperty("title").GetString());
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Guid key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key.ToString());
        return await client.SendAsync(request);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<int> TotalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Households}?pageSize=1")).GetProperty("total").GetInt32();
}
