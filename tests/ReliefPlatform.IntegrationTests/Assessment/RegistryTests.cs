using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>The registry with real people in it: encrypted, masked, de-duplicated county-wide, unmasked only with an audit entry.</summary>
[Collection(CountyCollection.Name)]
public sealed class RegistryTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public async Task Members_are_shown_masked_and_revealed_only_with_a_reason_that_lands_in_the_audit_log()
    {
        var head = People.IdNumber(72);
        var caseworker = await county.ClientForAsync("caseworker");
        var registered = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}203",
            category = "低保",
            address = "衡山镇城南村三组12号",
            members = new[] { People.Member("王德明", head), People.Member("王小红", People.IdNumber(9), "孙子女", hasEffectiveGuardian: true) },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.Content.ReadAsStringAsync();
        Assert.DoesNotContain(head, body, StringComparison.Ordinal);
        Assert.DoesNotContain("王德明", body, StringComparison.Ordinal);
        Assert.DoesNotContain("城南村", body, StringComparison.Ordinal);
        var household = JsonDocument.Parse(body).RootElement;
        var id = household.GetProperty("id").GetGuid();
        Assert.Equal(2, household.GetProperty("memberCount").GetInt32());
        Assert.Equal("王**", household.GetProperty("members")[0].GetProperty("name").GetString());
        Assert.Equal($"{head[..6]}********{head[14..]}", household.GetProperty("members")[0].GetProperty("idNumber").GetString());
        Assert.InRange(household.GetProperty("members")[0].GetProperty("age").GetInt32(), 72, 73);

        var visitor = await county.ClientForAsync("visitor-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsJsonAsync($"/api/assessment/households/{id}/identities/reveal", new { reason = "home-visit" })).StatusCode);
        var noReason = await caseworker.PostAsJsonAsync($"/api/assessment/households/{id}/identities/reveal", new { reason = "curious" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("查看原因", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var staff = await county.ClientForAsync("township-hengshan");
        var revealed = await staff.PostAsJsonAsync($"/api/assessment/households/{id}/identities/reveal", new { reason = "home-visit" });
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var full = await revealed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("衡山镇城南村三组12号", full.GetProperty("address").GetString());
        Assert.Equal(head, full.GetProperty("members")[0].GetProperty("idNumber").GetString());
        Assert.Equal("王德明", full.GetProperty("members")[0].GetProperty("name").GetString());

        var supervisor = await county.ClientForAsync("supervisor");
        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("personal-data.unmask", entry.GetProperty("action").GetString());
        Assert.Equal("reason=home-visit;members=2", entry.GetProperty("details").GetString());
        Assert.DoesNotContain(head, audit.ToString(), StringComparison.Ordinal);
        var verify = await supervisor.GetFromJsonAsync<JsonElement>("/api/assessment/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/assessment/audit")).StatusCode);
    }

    [Fact]
    public async Task A_person_already_registered_anywhere_in_the_county_cannot_be_registered_again()
    {
        var person = People.IdNumber(50);
        var caseworker = await county.ClientForAsync("caseworker");
        var first = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan, villageCode = $"{Hengshan}203", category = "低保", members = new[] { People.Member("刘芳", person) },
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var elsewhere = await county.ClientForAsync("township-foziling");
        var second = await elsewhere.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Foziling, villageCode = $"{Foziling}201", category = "低保边缘", members = new[] { People.Member("刘芳", person) },
        });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadAsStringAsync();
        Assert.Contains("已在其他乡镇登记", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(firstId.ToString(), problem, StringComparison.Ordinal);
        Assert.DoesNotContain(person, problem, StringComparison.Ordinal);

        var again = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan, villageCode = $"{Hengshan}204", category = "低保", members = new[] { People.Member("刘芳", person.ToLowerInvariant()) },
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(firstId.ToString(), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await elsewhere.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Foziling}&pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), h => h.GetProperty("members").GetArrayLength() == 1
            && h.GetProperty("members")[0].GetProperty("idNumber").GetString() == $"{person[..6]}********{person[14..]}");
    }

    [Fact]
    public async Task A_household_exits_with_a_reason_and_stays_readable()
    {
        var staff = await county.ClientForAsync("township-hengshan");
        var created = await staff.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan, villageCode = $"{Hengshan}205", category = "刚性支出困难", members = new[] { People.Member("陈军", People.IdNumber(40)) },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var visitor = await county.ClientForAsync("visitor-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsJsonAsync($"/api/assessment/households/{id}/exit", new { reason = "搬走了" })).StatusCode);
        var exited = await staff.PostAsJsonAsync($"/api/assessment/households/{id}/exit", new { reason = "家庭收入超过低保标准" });
        Assert.Equal(HttpStatusCode.OK, exited.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/assessment/households/{id}/exit", new { reason = "重复" })).StatusCode);

        var readBack = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{id}");
        Assert.Equal("Exited", readBack.GetProperty("status").GetString());
        Assert.Equal("家庭收入超过低保标准", readBack.GetProperty("exitReason").GetString());
    }

    [Fact]
    public async Task A_village_the_county_does_not_list_for_the_township_is_refused_and_nothing_is_registered()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var person = People.IdNumber(45);
        var refused = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan, villageCode = $"{Hengshan}299", category = "低保", members = new[] { People.Member("马兰", person) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("村（社区）代码“341525100299”不是衡山镇的村（社区）。", errors.GetProperty("villageCode")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = person })).StatusCode);
    }
}
