using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Through the gateway, the closed loop of a provider's standing: a care provider with a household's weekly daily care is
/// suspended — the line goes to another eligible, contracted provider, and this week's and the coming weeks' orders are made
/// for that one, never for the suspended provider; staff cannot order from it or move an order to it by hand (409, the reason
/// in Chinese on the provider). Reinstated by a county administrator, it is given work again: a hand-made order, and a new
/// household's line.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProviderStandingFlowTests(CountyAppFixture county)
{
    private const string SuspendedRefusal = "该服务主体已被暂停，恢复前不能派发新工单。";

    [Fact]
    public async Task A_suspended_providers_weekly_line_and_coming_weeks_go_elsewhere_it_is_refused_work_by_hand_and_reinstated_it_gets_work_again()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var suspended = await Plans.ContractedCareProviderAsync(county);
        // Someone else is there to take the care: another contracted care provider in 衡山镇.
        await Plans.ContractedCareProviderAsync(county);
        var (household, plan) = await Plans.DraftedPlanAsync(county, "205");
        await Plans.ApproveAndMatchDailyCareAsync(county, household, plan, suspended);
        const int weeks = 1 + CountyAppFixture.RecurringPeriodsAhead;
        await MessagingHost.EventuallyAsync(async () => (await DailyCareAsync(caseworker, household)).Count(o => o.Provider == suspended.ToString()) == weeks,
            "this week's and the coming weeks' orders were made for the provider", TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{suspended}/suspend", new { reason = "服务质量投诉核查期间暂停" })).StatusCode);

        // An order by hand for it is refused once Delivery has learned the suspension: 409, the reason beside the provider.
        HttpResponseMessage refused = null!;
        await MessagingHost.EventuallyAsync(async () =>
        {
            refused = await caseworker.PostAsJsonAsync("/api/delivery/work-orders",
                new { householdId = household, itemCode = "daily-care", providerId = suspended.ToString(), units = 1, standardMinutes = 0 });
            return refused.StatusCode == HttpStatusCode.Conflict;
        }, "Delivery refuses the suspended provider work");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SuspendedRefusal, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("providerId")[0].GetString());

        // The line is matched again to another provider, and every week it had is ordered again from that one; the suspended provider's were cancelled.
        string? replacement = null;
        List<DailyCare> orders = [];
        await MessagingHost.EventuallyAsync(async () =>
        {
            var line = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{plan}")).GetProperty("lines").EnumerateArray()
                .Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
            replacement = line.GetProperty("providerId").ValueKind == JsonValueKind.String ? line.GetProperty("providerId").GetString() : null;
            orders = await DailyCareAsync(caseworker, household);
            return replacement is not null && replacement != suspended.ToString() && orders.Count(o => o.Status != "Cancelled") == weeks;
        }, "the line went to another provider and its weeks were ordered from it", TimeSpan.FromMinutes(3));
        Assert.All(orders.Where(o => o.Provider == suspended.ToString()), o => Assert.Equal("Cancelled", o.Status));
        // Whatever it was given for the household, by plan or by hand (one ordered before Delivery learned of the suspension), is cancelled.
        Assert.All((await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Where(o => o.GetProperty("providerId").GetString() == suspended.ToString()), o => Assert.Equal("Cancelled", o.GetProperty("status").GetString()));
        var live = orders.Where(o => o.Status != "Cancelled").OrderBy(o => o.Week, StringComparer.Ordinal).ToList();
        Assert.All(live, o => Assert.Equal(replacement, o.Provider));
        Assert.Equal(orders.Where(o => o.Provider == suspended.ToString()).Select(o => o.Week).Order(StringComparer.Ordinal), live.Select(o => o.Week));

        // Nor can an order be moved to it by hand.
        var moved = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{live[0].Id}/reassign", new { providerId = suspended.ToString(), reason = "household-request" });
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(SuspendedRefusal, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("providerId")[0].GetString());

        // Still suspended a sweep later (every 30 s): no order of the household's is its.
        await Task.Delay(TimeSpan.FromSeconds(35));
        Assert.DoesNotContain(await DailyCareAsync(caseworker, household), o => o.Provider == suspended.ToString() && o.Status != "Cancelled");

        // Reinstated by a county administrator (not who suspended it): work by hand is taken again, and a new household's line goes to it.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/provider/providers/{suspended}/reinstate", new { reason = "核查结束，投诉不成立" })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await caseworker.PostAsJsonAsync("/api/delivery/work-orders",
                new { householdId = household, itemCode = "daily-care", providerId = suspended.ToString(), units = 1, standardMinutes = 0 })).StatusCode == HttpStatusCode.Created,
            "Delivery gives the reinstated provider work by hand");
        var (another, anotherPlan) = await Plans.DraftedPlanAsync(county, "206");
        await Plans.ApproveAndMatchDailyCareAsync(county, another, anotherPlan, suspended);
    }

    private sealed record DailyCare(Guid Id, string Provider, string Status, string Week);

    private static async Task<List<DailyCare>> DailyCareAsync(HttpClient client, Guid household) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Where(o => o.GetProperty("itemCode").GetString() == "daily-care" && o.GetProperty("planId").ValueKind == JsonValueKind.String)
            .Select(o => new DailyCare(o.GetProperty("id").GetGuid(), o.GetProperty("providerId").GetString()!, o.GetProperty("status").GetString()!,
                o.GetProperty("periodStarts").GetString()!))];
}
