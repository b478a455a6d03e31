using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>The first flow as a county user drives it: through the gateway, across RabbitMQ, into the hub and one township.</summary>
[Collection(CountyCollection.Name)]
public sealed class HouseholdRegistrationFlowTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_household_registered_at_the_gateway_reaches_Delivery_and_its_own_township_but_no_other()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var response = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}201",
            category = "特困供养",
            memberCount = 2,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var household = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = household.GetProperty("id").GetGuid();
        Assert.Equal("DestituteSupport", household.GetProperty("category").GetString());
        Assert.Equal($"/api/assessment/households/{id}", response.Headers.Location?.OriginalString);

        await MessagingHost.EventuallyAsync(
            async () => (await caseworker.GetAsync($"/api/delivery/recipients/{id}")).IsSuccessStatusCode, "Delivery knows the household");
        await MessagingHost.EventuallyAsync(
            async () => (await caseworker.GetAsync($"/api/townships/{Hengshan}/households/{id}")).IsSuccessStatusCode, "衡山镇 knows the household");

        var recipient = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{id}");
        Assert.Equal(Hengshan, recipient.GetProperty("townshipCode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/townships/{Foziling}/households/{id}")).StatusCode);
        var readBack = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{id}");
        Assert.Equal("特困供养", readBack.GetProperty("categoryName").GetString());
    }

    [Fact]
    public async Task Each_township_path_reaches_that_townships_own_centre()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var hengshan = await caseworker.GetFromJsonAsync<JsonElement>($"/api/townships/{Hengshan}/");
        var foziling = await caseworker.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/");

        Assert.Equal("衡山镇", hengshan.GetProperty("name").GetString());
        Assert.Equal("佛子岭镇", foziling.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_registration_gets_a_field_level_problem_in_Chinese_and_writes_nothing()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var before = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=1");

        var response = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Foziling,
            villageCode = $"{Hengshan}201",
            category = "富裕户",
            memberCount = 0,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal("村（社区）代码不属于佛子岭镇。", errors.GetProperty("villageCode")[0].GetString());
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("memberCount", out _));
        var after = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=1");
        Assert.Equal(before.GetProperty("total").GetInt32(), after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_gateway_serves_one_reference_page_and_every_services_OpenAPI_document()
    {
        var page = await county.Gateway.GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        foreach (var document in new[] { "assessment", "catalogue", "provider", "delivery", "funding", "township-hengshan", "township-foziling" })
        {
            var openApi = await county.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{document}.json");
            Assert.True(openApi.GetProperty("paths").EnumerateObject().Any(), $"{document} documents no paths");
        }
    }

    [Fact]
    public async Task Reference_data_of_every_hub_service_is_served_through_the_gateway()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var classes = await caseworker.GetFromJsonAsync<JsonElement>("/api/catalogue/classes");
        var kinds = await caseworker.GetFromJsonAsync<JsonElement>("/api/provider/kinds");
        var sources = await caseworker.GetFromJsonAsync<JsonElement>("/api/funding/source-types");

        // The seeded classes come first; other tests may add their own after them.
        Assert.Equal(["照护服务类", "生活服务类", "关爱服务类"], classes.EnumerateArray().Take(3).Select(c => c.GetProperty("nameZh").GetString()));
        Assert.Contains(kinds.EnumerateArray(), k => k.GetProperty("nameZh").GetString() == "群团组织");
        Assert.Contains(sources.EnumerateArray(), s => s.GetProperty("nameZh").GetString() == "慈善基金");
    }

    [Fact]
    public async Task A_request_body_over_the_gateway_limit_is_refused_before_it_reaches_a_service()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        using var oversized = new StringContent(new string(' ', 2 * 1024 * 1024) + "{}", System.Text.Encoding.UTF8, "application/json");

        var response = await caseworker.PostAsync("/api/assessment/households", oversized);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
