using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>Sign-in, token validation in every service, and the township walls, through the gateway and around it.</summary>
[Collection(CountyCollection.Name)]
public sealed class AccessControlTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { ResourceNames.Gateway, "/api/catalogue/classes" },
        { ResourceNames.Gateway, "/api/assessment/households" },
        { ResourceNames.Gateway, $"/api/townships/{Hengshan}/" },
        { ResourceNames.Assessment, "/api/assessment/households" },
        { ResourceNames.Catalogue, "/api/catalogue/classes" },
        { ResourceNames.Provider, "/api/provider/kinds" },
        { ResourceNames.Funding, "/api/funding/source-types" },
        { ResourceNames.Delivery, $"/api/delivery/recipients/{Guid.Empty}" },
        { ResourceNames.TownshipService("hengshan"), "/api/township/" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task A_call_without_a_token_is_refused_by_the_gateway_and_by_every_service_called_directly(string resource, string path)
    {
        using var anonymous = county.App.CreateHttpClient(resource);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("alg-none")]
    [InlineData("changed-payload")]
    [InlineData("foreign-key")]
    [InlineData("garbage")]
    public async Task A_forged_or_tampered_token_is_refused_at_the_gateway_and_directly(string forgery)
    {
        var genuine = await county.TokenAsync("township-hengshan");
        var forged = Forge(genuine, forgery);

        foreach (var (resource, path) in new[] { (ResourceNames.Gateway, "/api/assessment/households"), (ResourceNames.Assessment, "/api/assessment/households") })
        {
            using var client = county.App.CreateHttpClient(resource);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }
    }

    /// <summary>
    /// Tokens signed with the identity service's real key, so the signature holds and only the claim under test is
    /// wrong; "unchanged" proves the re-signing itself is accepted.
    /// </summary>
    [Theory]
    [InlineData("unchanged", HttpStatusCode.OK)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-issuer", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-audience", HttpStatusCode.Unauthorized)]
    public async Task A_validly_signed_token_that_is_expired_from_another_issuer_or_for_another_audience_is_refused(string change, HttpStatusCode expected)
    {
        var genuine = await county.TokenAsync("caseworker");
        var resigned = Resign(genuine, change);

        foreach (var (resource, path) in new[] { (ResourceNames.Gateway, "/api/assessment/households"), (ResourceNames.Assessment, "/api/assessment/households") })
        {
            using var client = county.App.CreateHttpClient(resource);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", resigned);
            Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task A_genuine_token_for_another_audience_is_refused_by_the_service_it_was_not_issued_for()
    {
        var catalogueOnly = await county.TokenAsync("caseworker", audience: ResourceNames.Catalogue);

        using var catalogue = county.App.CreateHttpClient(ResourceNames.Catalogue);
        catalogue.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", catalogueOnly);
        using var assessment = county.App.CreateHttpClient(ResourceNames.Assessment);
        assessment.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", catalogueOnly);

        Assert.Equal(HttpStatusCode.OK, (await catalogue.GetAsync("/api/catalogue/classes")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await assessment.GetAsync("/api/assessment/households")).StatusCode);
    }

    [Fact]
    public async Task Township_staff_reach_their_own_centre_and_are_refused_by_another_township_even_directly()
    {
        var hengshanStaff = await county.ClientForAsync("township-hengshan");
        var fozilingDirect = await county.ClientForAsync("township-hengshan", ResourceNames.TownshipService("foziling"));

        Assert.Equal(HttpStatusCode.OK, (await hengshanStaff.GetAsync($"/api/townships/{Hengshan}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hengshanStaff.GetAsync($"/api/townships/{Foziling}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fozilingDirect.GetAsync("/api/township/")).StatusCode);
    }

    [Fact]
    public async Task Township_staff_see_only_their_own_townships_households_in_every_read()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var fozilingHousehold = await RegisterAsync(caseworker, Foziling);
        var hengshanHousehold = await RegisterAsync(caseworker, Hengshan);
        var hengshanStaff = await county.ClientForAsync("township-hengshan");

        Assert.Equal(HttpStatusCode.NotFound, (await hengshanStaff.GetAsync($"/api/assessment/households/{fozilingHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hengshanStaff.GetAsync($"/api/assessment/households/{hengshanHousehold}")).StatusCode);

        // Even asking for the other township by name returns nothing of it.
        var list = await hengshanStaff.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=200");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var own = await hengshanStaff.GetFromJsonAsync<JsonElement>("/api/assessment/households?pageSize=200");
        Assert.All(own.GetProperty("items").EnumerateArray(), h => Assert.Equal(Hengshan, h.GetProperty("townshipCode").GetString()));

        await MessagingHost.EventuallyAsync(
            async () => (await caseworker.GetAsync($"/api/delivery/recipients/{fozilingHousehold}")).IsSuccessStatusCode, "Delivery knows the household");
        Assert.Equal(HttpStatusCode.NotFound, (await hengshanStaff.GetAsync($"/api/delivery/recipients/{fozilingHousehold}")).StatusCode);
    }

    [Fact]
    public async Task Township_staff_cannot_register_a_household_in_another_township_and_nothing_is_written()
    {
        var hengshanStaff = await county.ClientForAsync("township-hengshan");
        var caseworker = await county.ClientForAsync("caseworker");
        var before = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=1")).GetProperty("total").GetInt32();

        var response = await hengshanStaff.PostAsJsonAsync("/api/assessment/households",
            new { townshipCode = Foziling, villageCode = $"{Foziling}201", category = "低保", memberCount = 2 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=1")).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Supervisors_read_everything_and_change_nothing()
    {
        var supervisor = await county.ClientForAsync("supervisor");

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/assessment/households")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/townships/{Foziling}/")).StatusCode);
        var write = await supervisor.PostAsJsonAsync("/api/assessment/households",
            new { townshipCode = Hengshan, villageCode = $"{Hengshan}201", category = "低保", memberCount = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Provider_staff_do_not_see_the_registry()
    {
        var provider = await county.ClientForAsync("provider-demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync("/api/assessment/households")).StatusCode);
    }

    [Fact]
    public async Task A_request_that_tries_to_set_its_own_id_or_status_has_those_fields_ignored()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var chosenId = Guid.NewGuid();

        var response = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            id = chosenId,
            status = "Exited",
            registeredAt = "2001-01-01T00:00:00Z",
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}201",
            category = "低保",
            memberCount = 1,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var household = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(chosenId, household.GetProperty("id").GetGuid());
        Assert.Equal("Active", household.GetProperty("status").GetString());
        Assert.True(household.GetProperty("registeredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        const string user = "visitor-taiyang";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(user, "WrongPassword123"));
        }

        var locked = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(user));
        Assert.Contains("锁定", locked.Message, StringComparison.Ordinal);
    }

    private static async Task<Guid> RegisterAsync(HttpClient client, string township)
    {
        var response = await client.PostAsJsonAsync("/api/assessment/households",
            new { townshipCode = township, villageCode = $"{township}202", category = "其他困难", memberCount = 1 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string Forge(string token, string forgery)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1]));
        var elevated = payload.Replace("\"township-staff\"", "\"county-admin\"", StringComparison.Ordinal);
        switch (forgery)
        {
            case "alg-none":
                return $"{Base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{Base64Url(elevated)}.";
            case "changed-payload":
                return $"{parts[0]}.{Base64Url(elevated)}.{parts[2]}";
            case "foreign-key":
                using (var rsa = RSA.Create(2048))
                {
                    var header = Encoding.UTF8.GetString(Base64UrlDecode(parts[0]));
                    var signingInput = $"{Base64Url(header)}.{Base64Url(elevated)}";
                    var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    return $"{signingInput}.{Base64Url(signature)}";
                }

            default:
                return "not-a-token";
        }
    }

    private static string Resign(string token, string change)
    {
        var parts = token.Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (change)
        {
            case "expired":
                (payload["iat"], payload["nbf"], payload["exp"]) = (now - 3600, now - 3600, now - 600);
                break;
            case "wrong-issuer":
                payload["iss"] = "http://identity.evil.example/";
                break;
            case "wrong-audience":
                payload["aud"] = "funding";
                break;
        }

        var signingInput = $"{parts[0]}.{Base64Url(payload.ToJsonString())}";
        var signature = CountyAppFixture.TokenSigningKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
