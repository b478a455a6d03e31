using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The county's leadership and its supervisors at the county dashboard, in Debian's Chromium through the gateway: the
/// month's figures by township, item and source as charts, each figure the KPI API's own, and a click from a figure to
/// the list behind it.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalDashboardTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_supervisor_reads_the_months_figures_by_township_as_the_KPI_API_gives_them_and_clicks_through_to_a_townships_households()
    {
        // A confirmed service in 佛子岭镇 this month, on a budget line of its own: the month has figures to show.
        var project = await DeliveredOrders.FundAsync(County, Foziling);
        var household = await Assessments.RegisterKnownToDeliveryAsync(await County.ClientForAsync("caseworker"), Foziling, "202");
        var order = (await DeliveredOrders.DeliverAsync(County, project, [household])).Single();
        Assert.True((await (await County.ClientForAsync("township-foziling")).PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).IsSuccessStatusCode);
        var supervisor = await County.ClientForAsync("supervisor");
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await MessagingHost.EventuallyAsync(async () => Row(await KpisAsync(supervisor, month, "Township"), Foziling) is { } row
            && row.GetProperty("servicesConfirmed").GetInt32() > 0, "the confirmation reached the month's KPIs");

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "全县监管看板" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/dashboard"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("全县监管看板");
        await Assertions.Expect(portal.Page.Locator("[data-testid=chart-coverage] svg").First).ToBeVisibleAsync();

        // Other tests work in the same county meanwhile: the page is compared with the API's answer when two reads of
        // the API around the page's own agree.
        await MessagingHost.EventuallyAsync(async () =>
        {
            var before = await KpisAsync(supervisor, month, "Township");
            await portal.OpenAsync($"/dashboard?month={month}");
            await Assertions.Expect(portal.Page.Locator("[data-testid=chart-coverage] tbody tr")).ToHaveCountAsync(16);
            var shown = await portal.Page.Locator("[data-testid=township-figures] tbody tr").EvaluateAllAsync<string[][]>(
                "rows => rows.map(r => [r.dataset.township, ...[...r.cells].map(c => c.innerText.trim())])");
            var coverage = await portal.Page.Locator("[data-testid=chart-coverage] tbody td").AllInnerTextsAsync();
            var after = await KpisAsync(supervisor, month, "Township");
            if (before.ToString() != after.ToString())
            {
                return false;
            }

            Assert.Equal(16, shown.Length);
            foreach (var (cells, i) in shown.Select((cells, i) => (cells, i)))
            {
                var row = Row(after, cells[0]);
                int Count(string field) => row?.GetProperty(field).GetInt32() ?? 0;
                Assert.Equal([Count("householdsAssessed"), Count("householdsWithNeeds"), Count("householdsServed")], cells[2..5].Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
                Assert.Equal(Percent(row, "coverage"), cells[5]);
                Assert.Equal(Percent(row, "coverage"), coverage[i]);
                Assert.Equal(Count("unmetNeeds").ToString(CultureInfo.InvariantCulture), cells[6]);
                Assert.Equal(Number(row, "satisfactionMean"), cells[8]);
                Assert.Equal(Percent(row, "satisfiedShare"), cells[9]);
                Assert.StartsWith(Count("complaints").ToString(CultureInfo.InvariantCulture) + "（", cells[10], StringComparison.Ordinal);
                Assert.Equal(Number(row, "budget"), cells[12]);
                Assert.Equal(Number(row, "spentToDate"), cells[13]);
            }

            return true;
        }, "the dashboard showed the KPI API's figures for every township");

        // Foziling's row has what this test made: a confirmed service's satisfaction and a budget.
        var foziling = await portal.Page.Locator($"[data-testid=township-figures] tr[data-township='{Foziling}'] td").AllInnerTextsAsync();
        Assert.NotEqual("无数据", foziling[6]);
        Assert.NotEqual("无数据", foziling[10]);
        Assert.Equal("佛子岭镇", await portal.Page.InnerTextAsync($"[data-testid=township-figures] tr[data-township='{Foziling}'] th"));

        // The trend's last month is the month's figures summed over the townships; the unmet items are the API's by item.
        var byTownship = await KpisAsync(supervisor, month, "Township");
        var trend = await portal.Page.Locator("[data-testid=chart-trend] tbody tr:last-child td").AllInnerTextsAsync();
        Assert.Equal(month, await portal.Page.InnerTextAsync("[data-testid=chart-trend] tbody tr:last-child th"));
        Assert.True(int.Parse(trend[1], CultureInfo.InvariantCulture) >= 1);
        var byItem = await KpisAsync(supervisor, month, "Item");
        var unmet = byItem.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("unmetNeeds").GetInt32() > 0).ToList();
        Assert.Equal(Math.Min(10, unmet.Count), await portal.Page.Locator("[data-testid=chart-unmet] tbody tr").CountAsync());
        Assert.True(byTownship.GetProperty("rows").GetArrayLength() > 0);

        // Twelve months up to the chosen one, each the by-month KPI API's own (a county's migrated year shows here too).
        await MessagingHost.EventuallyAsync(async () =>
        {
            var before = await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis/months?to={month}");
            await portal.OpenAsync($"/dashboard?month={month}");
            await Assertions.Expect(portal.Page.Locator("[data-testid=chart-months] tbody tr")).ToHaveCountAsync(12);
            var shown = await portal.Page.Locator("[data-testid=chart-months] tbody tr").EvaluateAllAsync<string[][]>(
                "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))");
            var spend = await portal.Page.Locator("[data-testid=chart-months-spend] tbody td").AllInnerTextsAsync();
            var after = await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis/months?to={month}");
            if (before.ToString() != after.ToString())
            {
                return false;
            }

            var months = after.GetProperty("months").EnumerateArray().ToList();
            string Figure(JsonElement m, string field) => m.GetProperty(field).GetDecimal().ToString("0.##", CultureInfo.InvariantCulture);
            Assert.Equal(month, shown[^1][0]);
            Assert.Equal(months.Select(m => m.GetProperty("month").GetString()), shown.Select(r => r[0]));
            Assert.Equal(months.Select(m => Figure(m, "servicesDelivered")), shown.Select(r => r[1]));
            Assert.Equal(months.Select(m => Figure(m, "servicesConfirmed")), shown.Select(r => r[2]));
            Assert.Equal(months.Select(m => Figure(m, "spend")), spend.Select(c => c.Trim()));
            Assert.True(months[^1].GetProperty("servicesConfirmed").GetInt32() >= 1);
            return true;
        }, "the dashboard's twelve months showed the by-month KPI API's figures");

        // The year's money by source: this test's line is on it.
        await Assertions.Expect(portal.Page.Locator("[data-testid=chart-spend] tbody tr")).Not.ToHaveCountAsync(0);
        await portal.ScreenshotAsync("portal-dashboard");
        await portal.AssertAccessibleAsync();

        // A township's cell clicks through to its households.
        await portal.Page.Locator("[data-testid=chart-coverage] svg text", new() { HasText = "佛子岭镇" }).First.ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/households?township={Foziling}"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("家庭档案");
        Assert.Equal(Foziling, await portal.Page.Locator("#township").InputValueAsync());
        await context.DisposeAsync();

        // Township staff have no dashboard: no menu item, and the page shows what the KPI API answers them.
        var (other, staff) = await OpenAsync();
        await staff.SignInAsync("township-foziling", CountyAppFixture.DemoPassword);
        Assert.Equal(0, await staff.Page.GetByRole(AriaRole.Link, new() { Name = "全县监管看板" }).CountAsync());
        await staff.OpenAsync("/dashboard");
        await Assertions.Expect(staff.Page.Locator("main")).ToContainTextAsync("无权访问");
        await other.DisposeAsync();
    }

    private static async Task<JsonElement> KpisAsync(HttpClient client, string month, string by) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?month={month}&by={by}");

    private static JsonElement? Row(JsonElement report, string key) =>
        report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("key").GetString() == key).Select(r => (JsonElement?)r).FirstOrDefault();

    /// <summary>A share (0–1) as the page writes it: per cent to one decimal, or 无数据 where the API has none.</summary>
    private static string Percent(JsonElement? row, string field) =>
        row?.GetProperty(field) is { ValueKind: JsonValueKind.Number } value
            ? decimal.Round(value.GetDecimal() * 100, 1, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "%"
            : "无数据";

    private static string Number(JsonElement? row, string field) =>
        row?.GetProperty(field) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture) : "无数据";
}
