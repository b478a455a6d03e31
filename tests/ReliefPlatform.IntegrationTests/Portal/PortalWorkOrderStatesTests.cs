using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Work orders by state: Delivery counts them with the list's own filters and walls (each state's count is what the list of
/// that state holds), and the work-orders page draws them as a chart whose every figure is the API's and whose bars open the
/// list of their state.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalWorkOrderStatesTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Hengshan = "341525100";

    /// <summary>The states in the order an order goes through them, as the API names them, with the portal's words.</summary>
    private static readonly (string Code, string Name)[] States =
    [
        ("AwaitingFunds", "待落实资金"), ("Assigned", "已派单"), ("Scheduled", "已排期"), ("InProgress", "服务中"), ("Delivered", "已完成服务"),
        ("Confirmed", "已确认"), ("Closed", "已关闭"), ("Rejected", "已拒单"), ("Cancelled", "已取消"),
    ];

    [Fact]
    public async Task Each_states_count_is_what_the_list_of_that_state_holds_behind_the_same_filters_and_walls()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "203");
        // A provider and item of this test's own, priced by hand under a project with no money: the paid orders are refused
        // theirs. The first is free (assigned at once, needing no money), so cancelling it never races Funding's refusal.
        var provider = $"TJ-{Guid.NewGuid():N}"[..20];
        var project = $"NB-{Guid.NewGuid():N}"[..12];
        var orders = new List<Guid>();
        foreach (var units in new[] { 1, 2, 3 })
        {
            var placed = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
            {
                householdId = household, itemCode = "errand-run", providerId = provider, year = Budgets.Year, projectCode = project, units, unitPrice = units == 1 ? 0m : 5.00m,
                standardMinutes = 30,
            });
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            orders.Add((await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{orders[0]}/cancel", new { reason = "duplicate" })).StatusCode);
        var mine = $"providerId={provider}";
        await MessagingHost.EventuallyAsync(async () => (await CountsAsync(caseworker, mine))["Rejected"] == 2, "Funding refused the other two orders' money");

        var counts = await CountsAsync(caseworker, mine);
        Assert.Equal(3, counts.Values.Sum());
        Assert.Equal(States.Select(s => s.Code), counts.Keys);
        foreach (var (state, count) in counts)
        {
            Assert.Equal(count, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?{mine}&status={state}")).GetArrayLength());
        }

        Assert.Equal((1, 2), (counts["Cancelled"], counts["Rejected"]));
        Assert.Equal(3, (await CountsAsync(caseworker, $"{mine}&townshipCode={Hengshan}&itemCode=errand-run")).Values.Sum());
        Assert.Equal(0, (await CountsAsync(caseworker, $"{mine}&itemCode=daily-care")).Values.Sum());
        // The township wall: 衡山镇's staff count them, 佛子岭镇's do not; a provider's staff count only their own provider's.
        Assert.Equal(3, (await CountsAsync(await County.ClientForAsync("township-hengshan"), mine)).Values.Sum());
        Assert.Equal(0, (await CountsAsync(await County.ClientForAsync("township-foziling"), mine)).Values.Sum());
        Assert.Equal(0, (await CountsAsync(await County.ClientForAsync("provider-demo"), mine)).Values.Sum());
    }

    [Fact]
    public async Task The_work_orders_page_charts_the_APIs_counts_by_state_and_a_states_bar_opens_its_list()
    {
        var supervisor = await County.ClientForAsync("supervisor");
        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("supervisor", CountyAppFixture.DemoPassword);

        // Orders move while other work goes on: read the page and the API until they agree on the same moment.
        string[][] shown = [];
        Dictionary<string, int> counts = [];
        await MessagingHost.EventuallyAsync(async () =>
        {
            await portal.OpenAsync("/work-orders");
            await portal.WaitForCircuitAsync();
            await Assertions.Expect(portal.Page.Locator("[data-testid=chart-order-states] tbody tr")).ToHaveCountAsync(States.Length);
            shown = await portal.Page.Locator("[data-testid=chart-order-states] tbody tr").EvaluateAllAsync<string[][]>(
                "rows => rows.map(r => [r.querySelector('th').innerText.trim(), r.querySelector('td').innerText.trim()])");
            counts = await CountsAsync(supervisor, "");
            return shown.Select(r => r[1]).SequenceEqual(counts.Values.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        }, "the chart showed what the API counts", TimeSpan.FromMinutes(1));
        Assert.Equal(States.Select(s => s.Name), shown.Select(r => r[0]));
        await Assertions.Expect(portal.Page.Locator("[data-testid=chart-order-states] svg").First).ToBeVisibleAsync();
        await portal.ScreenshotAsync("portal-work-order-states");
        await portal.AssertAccessibleAsync();

        // 已取消's label opens the list of cancelled orders, as many as the API lists.
        await portal.Page.Locator("[data-testid=chart-order-states] svg text", new() { HasText = "已取消" }).First.ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/work-orders?status=Cancelled"));
        await portal.WaitForCircuitAsync();
        // The label navigates inside the circuit: the page is already interactive when the URL changes, and the filter
        // takes the query's state a moment later (a clean-clone run read the select before it had).
        await Assertions.Expect(portal.Page.Locator("#status")).ToHaveValueAsync("Cancelled");
        var cancelled = (await supervisor.GetFromJsonAsync<JsonElement>("/api/delivery/work-orders?status=Cancelled")).GetArrayLength();
        await Assertions.Expect(portal.Page.Locator("[data-testid=order-count]")).ToHaveTextAsync($"共 {cancelled} 张工单");
        await context.DisposeAsync();
    }

    private static async Task<Dictionary<string, int>> CountsAsync(HttpClient client, string query)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/counts?{query}");
        var states = answer.GetProperty("states").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(states.Values.Sum(), answer.GetProperty("total").GetInt32());
        return states;
    }
}
