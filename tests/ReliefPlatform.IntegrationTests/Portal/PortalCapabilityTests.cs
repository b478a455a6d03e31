using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A provider's capabilities edited on its page, in Debian's Chromium through the gateway: the caseworker changes a row's
/// capacity (a negative one refused beside that row's field), adds an item (without a township refused beside the row's
/// townships), saves both, then stops offering the first — what Provider holds afterwards is exactly what the page shows.
/// A supervisor sees the capabilities without the form.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalCapabilityTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_providers_items_townships_and_capacity_are_edited_on_its_page_with_Providers_messages_beside_each_row()
    {
        var caseworkerApi = await County.ClientForAsync("caseworker");
        var provider = await Providers.OnboardAsync(County, "elderly-care-organisation");
        await MessagingHost.EventuallyAsync(async () => (await caseworkerApi.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Hengshan }, capacity = 20, per = "Week" } })).IsSuccessStatusCode, "Provider knows the catalogue");

        var (context, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.OpenAsync($"/providers/{provider}");
        var form = caseworker.Page.GetByTestId("capabilities-form");
        var rows = form.GetByTestId("capability-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(caseworker.Page.Locator("#cap-item-0")).ToHaveValueAsync("daily-care");
        await Assertions.Expect(caseworker.Page.Locator("#cap-capacity-0")).ToHaveValueAsync("20");

        // A negative capacity is refused beside its row's field; Provider keeps what it had.
        await caseworker.Page.Locator("#cap-capacity-0").FillAsync("-1");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存服务能力" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#cap-capacity-0-error")).ToHaveTextAsync("服务能力不能小于 0。");
        Assert.Equal(20, (await CapabilitiesAsync(caseworkerApi, provider)).Single().GetProperty("capacity").GetInt32());

        // A second item without a township: refused beside that row's townships.
        await caseworker.Page.Locator("#cap-capacity-0").FillAsync("12");
        await form.GetByRole(AriaRole.Button, new() { Name = "增加服务事项" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await caseworker.Page.Locator("#cap-item-1").SelectOptionAsync("bathing-assistance");
        await caseworker.Page.Locator("#cap-capacity-1").FillAsync("8");
        await caseworker.Page.Locator("#cap-per-1").SelectOptionAsync("Month");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存服务能力" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#cap-townships-1-error")).ToHaveTextAsync("请列出提供服务的乡镇。");
        await Assertions.Expect(caseworker.Page.Locator("#cap-capacity-0-error")).ToHaveTextAsync("");
        await caseworker.AssertAccessibleAsync();

        await rows.Nth(1).GetByRole(AriaRole.Checkbox, new() { Name = "佛子岭镇" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "保存服务能力" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToHaveTextAsync("已保存服务能力（2 项）。");
        var table = caseworker.Page.Locator("[data-testid=provider-capabilities] tbody tr");
        await Assertions.Expect(table).ToHaveCountAsync(2);
        await Assertions.Expect(table.Filter(new() { HasText = "助浴" })).ToContainTextAsync("每月 8 次");
        await Assertions.Expect(table.Filter(new() { HasText = "看护照料" })).ToContainTextAsync("每周 12 次");
        var saved = (await CapabilitiesAsync(caseworkerApi, provider))
            .Select(c => (c.GetProperty("itemCode").GetString(), string.Join(",", c.GetProperty("townships").EnumerateArray().Select(t => t.GetString())),
                c.GetProperty("capacity").GetInt32(), c.GetProperty("per").GetString())).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal([("bathing-assistance", Foziling, 8, "Month"), ("daily-care", Hengshan, 12, "Week")], saved);
        await caseworker.ScreenshotAsync("portal-capabilities");

        // Stopping the care item (whichever row it is in after the save): saved, only bathing remains.
        var care = await caseworker.Page.Locator("#cap-item-0").InputValueAsync() == "daily-care" ? 0 : 1;
        Assert.Equal("daily-care", await caseworker.Page.Locator($"#cap-item-{care}").InputValueAsync());
        await rows.Nth(care).GetByRole(AriaRole.Button, new() { Name = $"停止提供 第 {care + 1} 项" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await form.GetByRole(AriaRole.Button, new() { Name = "保存服务能力" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToHaveTextAsync("已保存服务能力（1 项）。");
        await Assertions.Expect(table).ToHaveCountAsync(1);
        Assert.Equal(["bathing-assistance"], (await CapabilitiesAsync(caseworkerApi, provider)).Select(c => c.GetProperty("itemCode").GetString()));
        await context.DisposeAsync();

        // A supervisor sees the capabilities, not the form.
        var (supervisorContext, supervisor) = await OpenAsync();
        await supervisor.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await supervisor.OpenAsync($"/providers/{provider}");
        await Assertions.Expect(supervisor.Page.Locator("[data-testid=provider-capabilities] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(supervisor.Page.GetByTestId("capabilities-form")).ToHaveCountAsync(0);
        await supervisorContext.DisposeAsync();
    }

    private static async Task<List<JsonElement>> CapabilitiesAsync(HttpClient api, Guid provider) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}")).GetProperty("capabilities").EnumerateArray()];
}
