using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// A purchase contract's unit cap holds for the work Delivery gives by itself: the recurrence records a week the contract has
/// no units left for as an unmet need (<c>contract-cap</c>) instead of ordering it, and matching passes a provider whose
/// contract is used up over — even the household's paired provider, which it would otherwise rank first.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ContractCapTests(CountyAppFixture county) : EventListeningTests(county, typeof(ServiceNeedUnmatched))
{
    [Fact]
    public async Task Neither_the_recurrence_nor_matching_orders_past_a_contracts_cap()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        // Daily care is three sessions a week; the contract has four units: this week's order fits, no later week's does.
        var care = await Plans.CareContractAsync(County, quantityCap: 4);
        var provider = care.Provider;
        var (first, firstPlan) = await Plans.DraftedPlanAsync(County, "205");
        await Plans.ApproveAndMatchDailyCareAsync(County, first, firstPlan, provider);

        // The weeks ordered ahead (two in the test county) find no units left: unmet needs with the reason, and nothing ordered past the cap.
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ServiceNeedUnmatched>()
            .Count(e => e.PlanId == firstPlan && e.ItemCode == "daily-care" && e.ReasonCode == "contract-cap") == CountyAppFixture.RecurringPeriodsAhead),
            "the recurrence found the contract used up for each week ahead", TimeSpan.FromMinutes(2));
        var orders = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?providerId={provider}")).EnumerateArray().ToList();
        Assert.Equal(3, orders.Where(o => o.GetProperty("status").GetString() is not ("Cancelled" or "Rejected")).Sum(o => o.GetProperty("units").GetInt32()));

        // A second household paired with the provider, which Provider finds eligible for it: matching does not give it the line.
        var (second, secondPlan) = await Plans.DraftedPlanAsync(County, "206");
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync("/api/provider/pairings", new
        {
            householdId = second, townshipCode = Plans.Hengshan, pairerKind = "Organisation", pairerId = provider, visitsPerMonth = 4,
            from = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        })).StatusCode);
        var eligibility = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/eligibility?itemCode=daily-care&townshipCode={Plans.Hengshan}&householdId={second}"))
            .EnumerateArray().Single(e => e.GetProperty("providerId").GetGuid() == provider);
        Assert.True(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await (await County.ClientForAsync("township-hengshan")).PostAsync($"/api/delivery/plans/{secondPlan}/approve", null)).StatusCode);
        JsonElement line = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            line = DailyCare(await (await caseworker.PostAsync($"/api/delivery/plans/{secondPlan}/match", null)).Content.ReadFromJsonAsync<JsonElement>());
            return !line.GetProperty("awaitingMatch").GetBoolean()
                && (line.GetProperty("providerId").ValueKind == JsonValueKind.String || line.GetProperty("unmet").GetBoolean());
        }, "matching decided the daily-care line", TimeSpan.FromMinutes(2));
        Assert.NotEqual(provider.ToString(), line.GetProperty("providerId").GetString());
        Assert.Equal(3, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?providerId={provider}")).EnumerateArray()
            .Where(o => o.GetProperty("status").GetString() is not ("Cancelled" or "Rejected")).Sum(o => o.GetProperty("units").GetInt32()));
    }

    private static JsonElement DailyCare(JsonElement plan) =>
        plan.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
}
