using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// A household that moves to another township's village is handed over, with its story, through the gateway: the registry
/// moves it (a reason code, audited), the old township's staff and centre no longer see it, the new township's see its
/// assessments and get a visit to reassess it where it lives now, and what the old township had arranged stops — the plan
/// is superseded and its orders not yet started are cancelled. Refusals change nothing.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class HouseholdMoveTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_household_moved_to_another_township_is_handed_over_with_its_story_and_reassessed_there()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var hengshan = await county.ClientForAsync("township-hengshan");
        var foziling = await county.ClientForAsync("township-foziling");
        var supervisor = await county.ClientForAsync("supervisor");
        var care = await Plans.CareContractAsync(county);
        var (household, plan) = await Plans.DraftedPlanAsync(county, "204");
        await Plans.ApproveAndMatchDailyCareAsync(county, household, plan, care.Provider);
        await MessagingHost.EventuallyAsync(async () => (await DailyCareAsync(caseworker, household)) is { Count: > 0 } orders
            && orders.All(o => o.GetProperty("status").GetString() == "Assigned"), "the weeks' orders were assigned");
        await MessagingHost.EventuallyAsync(async () => (await hengshan.GetAsync($"/api/townships/{Plans.Hengshan}/households/{household}")).StatusCode == HttpStatusCode.OK,
            "衡山镇's centre knows the household");

        // Refused, nothing changed: by another township (to them it does not exist), without a reason, to a village outside the
        // county or one the township does not list.
        var village = $"{Foziling}201";
        Assert.Equal(HttpStatusCode.NotFound, (await foziling.PutAsJsonAsync($"/api/assessment/households/{household}/village", new { villageCode = village, reason = "relocated" })).StatusCode);
        var unreasoned = await hengshan.PutAsJsonAsync($"/api/assessment/households/{household}/village", new { villageCode = village });
        Assert.Equal(HttpStatusCode.BadRequest, unreasoned.StatusCode);
        Assert.True((await unreasoned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        var outside = await hengshan.PutAsJsonAsync($"/api/assessment/households/{household}/village", new { villageCode = "341526100201", reason = "relocated" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不属于", (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("villageCode")[0].GetString(), StringComparison.Ordinal);
        var unlisted = await hengshan.PutAsJsonAsync($"/api/assessment/households/{household}/village", new { villageCode = $"{Foziling}299", reason = "relocated" });
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
        Assert.Equal($"村（社区）代码“{Foziling}299”不是佛子岭镇的村（社区）。",
            (await unlisted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("villageCode")[0].GetString());
        Assert.Equal(Plans.Hengshan, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("townshipCode").GetString());

        // 衡山镇's staff record the move: the household goes to 佛子岭镇 with its assessments.
        var moved = await hengshan.PutAsJsonAsync($"/api/assessment/households/{household}/village", new { villageCode = village, reason = "relocated" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal((Foziling, village), ((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("townshipCode").GetString(),
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("villageCode").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await hengshan.GetAsync($"/api/assessment/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await foziling.GetAsync($"/api/assessment/households/{household}")).StatusCode);
        Assert.Single((await foziling.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments")).EnumerateArray());

        // The centres follow: 衡山镇's hands it over, 佛子岭镇's has a visit to reassess it.
        await MessagingHost.EventuallyAsync(async () => (await hengshan.GetAsync($"/api/townships/{Plans.Hengshan}/households/{household}")).StatusCode == HttpStatusCode.NotFound,
            "衡山镇's centre handed the household over");
        JsonElement visit = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var worklist = await foziling.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/worklist");
            visit = worklist.GetProperty("visits").EnumerateArray().FirstOrDefault(t => t.GetProperty("householdId").GetGuid() == household);
            return visit.ValueKind == JsonValueKind.Object;
        }, "佛子岭镇's worklist has the reassessment visit");
        Assert.Equal(("Reassessment", village), (visit.GetProperty("kind").GetString(), visit.GetProperty("villageCode").GetString()));
        Assert.DoesNotContain((await hengshan.GetFromJsonAsync<JsonElement>($"/api/townships/{Plans.Hengshan}/worklist")).GetProperty("visits").EnumerateArray(),
            t => t.GetProperty("householdId").GetGuid() == household);
        Assert.DoesNotContain((await hengshan.GetFromJsonAsync<JsonElement>($"/api/townships/{Plans.Hengshan}/households?villageCode={Plans.Hengshan}204&pageSize=100"))
            .GetProperty("items").EnumerateArray(), h => h.GetProperty("householdId").GetGuid() == household);
        await MessagingHost.EventuallyAsync(async () => (await foziling.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/households?villageCode={village}&pageSize=100"))
            .GetProperty("items").EnumerateArray().Any(h => h.GetProperty("householdId").GetGuid() == household), "佛子岭镇's centre lists the household");

        // What 衡山镇 arranged stops: the plan is superseded and the orders not started are cancelled (their money released).
        await MessagingHost.EventuallyAsync(async () => (await DailyCareAsync(caseworker, household)).All(o => o.GetProperty("status").GetString() == "Cancelled"),
            "the old township's orders were cancelled");
        Assert.Equal("Superseded", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{plan}")).GetProperty("status").GetString());
        await MessagingHost.EventuallyAsync(async () => (await finance(county)).GetProperty("committed").GetDecimal() == 0m, "Funding released the money");

        var audit = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{household}")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "household.moved");
        Assert.Equal($"from={Plans.Hengshan};to={Foziling};village={village};reason=relocated", audit.GetProperty("details").GetString());

        async Task<JsonElement> finance(CountyAppFixture c) =>
            (await (await c.ClientForAsync("finance")).GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={care.Project}"))[0];
    }

    private static async Task<List<JsonElement>> DailyCareAsync(HttpClient caseworker, Guid household) =>
        [.. (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Where(o => o.GetProperty("itemCode").GetString() == "daily-care")];
}
