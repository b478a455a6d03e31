using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Catalogue;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The county revises its service catalogue on screens, in Debian's Chromium through the gateway: the catalogue in force
/// by class, a draft with an item's price and townships changed (the API's messages beside the fields), submitted with
/// its effective date, returned by the county administrator at another desk, submitted again and approved — published
/// as the next version with the rules the editor does not show kept as they were.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalCatalogueTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    // An item no other test builds on: its next version may carry a price and a township of this test's own.
    private const string Escort = "hospital-escort";
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_caseworker_revises_an_items_price_and_townships_and_the_county_administrator_returns_then_publishes_it()
    {
        var reader = await County.ClientForAsync("caseworker");
        var current = await reader.GetFromJsonAsync<JsonElement>("/api/catalogue/current");
        var classes = (await reader.GetFromJsonAsync<JsonElement>("/api/catalogue/classes")).EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()!).ToList();

        var (caseworkerContext, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.Page.GetByRole(AriaRole.Link, new() { Name = "服务清单" }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(caseworker.Url("/catalogue"));
        await caseworker.WaitForCircuitAsync();

        // The catalogue in force, class by class in the catalogue's order, each item as the API words it.
        var items = current.GetProperty("items").EnumerateArray().ToList();
        var classNames = classes.Where(c => items.Any(i => Class(i) == c)).Select(c => items.First(i => Class(i) == c).GetProperty("className").GetString()!).ToList();
        // The menu's link renders the page in the running circuit: wait for its classes before reading them.
        await Assertions.Expect(caseworker.Page.GetByTestId("catalogue-class")).ToHaveCountAsync(classNames.Count);
        Assert.Equal(classNames, await caseworker.Page.GetByTestId("catalogue-class").AllInnerTextsAsync());
        var escortInForce = items.Single(i => Code(i) == Escort);
        var escortRow = caseworker.Page.Locator($"[data-testid=catalogue-items] tr[data-item='{Escort}']");
        await Assertions.Expect(escortRow).ToContainTextAsync(escortInForce.GetProperty("pricingText").GetString()!);
        await Assertions.Expect(escortRow).ToContainTextAsync(escortInForce.GetProperty("scopeText").GetString()!);
        Assert.Equal(items.Count, await caseworker.Page.Locator("[data-testid=catalogue-items] tbody tr").CountAsync());
        await caseworker.AssertAccessibleAsync();
        await caseworker.ScreenshotAsync("portal-catalogue");

        // A draft needs its reason; then it holds the items in force.
        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "起草新版本" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#draft-note-error")).ToHaveTextAsync("请填写修订说明（不超过 2000 字）。");
        await caseworker.Page.Locator("#draft-note").FillAsync("调整就医陪护单价，先在佛子岭镇实施");
        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "起草新版本" }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/drafts/[0-9a-f-]{36}$"));
        await caseworker.WaitForCircuitAsync();
        var draft = Guid.Parse(caseworker.Page.Url[^36..]);
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-status")).ToHaveTextAsync("草稿");

        // A price the rules refuse: the message beside the price, nothing saved.
        var row = caseworker.Page.Locator($"[data-testid=catalogue-items] tr[data-item='{Escort}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#item-price")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^100(\\.0+)?$"));
        await caseworker.Page.Locator("#item-price").FillAsync("-5");
        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "保存事项" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#item-price-error")).ToHaveTextAsync("政府购买的事项须有大于 0 的单价（元）。");
        await caseworker.AssertAccessibleAsync();

        await caseworker.Page.Locator("#item-price").FillAsync("120");
        await caseworker.Page.GetByTestId("item-form").GetByLabel("佛子岭镇").CheckAsync();
        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "保存事项" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-done")).ToHaveTextAsync("事项已保存到草稿。");
        await Assertions.Expect(row).ToContainTextAsync("120.00元/次");
        await Assertions.Expect(row).ToContainTextAsync("佛子岭镇");
        await caseworker.ScreenshotAsync("portal-catalogue-draft");

        // Submitting needs the date it takes effect: the message beside the date.
        await caseworker.Page.GetByTestId("submit-form").GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#effective-from-error")).ToHaveTextAsync("请填写生效日期。");
        var effectiveFrom = await EffectiveDateAsync(reader);
        await caseworker.Page.Locator("#effective-from").FillAsync(effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await caseworker.Page.GetByTestId("submit-form").GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-done")).ToHaveTextAsync("已提交，等待另一人审批。");
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-status")).ToHaveTextAsync("待审批");
        // The caseworker may draft but not approve: no decision for them.
        await Assertions.Expect(caseworker.Page.GetByTestId("decision-form")).ToHaveCountAsync(0);

        // The county administrator, at another desk, returns it without a reason (refused), then with one.
        var (adminContext, office) = await OpenAsync();
        await office.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await office.OpenAsync("/catalogue");
        await office.Page.Locator($"[data-testid=catalogue-drafts] tr[data-draft='{draft}']").GetByRole(AriaRole.Link).ClickAsync();
        await office.Page.WaitForURLAsync(office.Url($"/catalogue/drafts/{draft}"));
        await office.WaitForCircuitAsync();
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(office.Page.Locator("#return-reason-error")).ToHaveTextAsync("请写明退回的原因（不超过 1000 字）。");
        await office.Page.Locator("#return-reason").FillAsync("请在说明中注明价格依据");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("draft-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(office.Page.GetByTestId("draft-return-reason")).ToHaveTextAsync("请在说明中注明价格依据");

        // The caseworker sees why, and submits again with the note the approver asked for.
        await caseworker.OpenAsync($"/catalogue/drafts/{draft}");
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-return-reason")).ToHaveTextAsync("请在说明中注明价格依据");
        await caseworker.Page.Locator("#effective-from").FillAsync(effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await caseworker.Page.Locator("#submit-note").FillAsync("就医陪护单价按县物价局 2026 年指导价调整为 120 元/次，先在佛子岭镇实施");
        await caseworker.Page.GetByTestId("submit-form").GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("draft-status")).ToHaveTextAsync("待审批");

        await office.OpenAsync($"/catalogue/drafts/{draft}");
        await office.AssertAccessibleAsync();
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "批准发布" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("draft-done")).ToHaveTextAsync("已批准，新版本已发布。");
        await Assertions.Expect(office.Page.GetByTestId("draft-status")).ToHaveTextAsync("已发布");
        var versionText = await office.Page.GetByTestId("draft-published").InnerTextAsync();
        var version = int.Parse(versionText.Replace("第", "", StringComparison.Ordinal).Replace("版", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

        // The published version is the API's: the new price and township, and the rules not on the form kept as they were.
        var published = await reader.GetFromJsonAsync<JsonElement>($"/api/catalogue/versions/{version}");
        Assert.Equal(effectiveFrom, DateOnly.Parse(published.GetProperty("version").GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture));
        var escort = published.GetProperty("items").EnumerateArray().Single(i => Code(i) == Escort);
        Assert.Equal("120.00元/次", escort.GetProperty("pricingText").GetString());
        Assert.Equal([Foziling], escort.GetProperty("item").GetProperty("townships").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(escortInForce.GetProperty("overlapsText").GetString(), escort.GetProperty("overlapsText").GetString());
        Assert.Equal(escortInForce.GetProperty("scopeText").GetString(), escort.GetProperty("scopeText").GetString());
        Assert.Equal(escortInForce.GetProperty("standardText").GetString(), escort.GetProperty("standardText").GetString());

        await office.Page.GetByTestId("draft-published").ClickAsync();
        await office.Page.WaitForURLAsync(office.Url($"/catalogue?version={version}"));
        await office.WaitForCircuitAsync();
        var publishedRow = office.Page.Locator($"[data-testid=catalogue-items] tr[data-item='{Escort}']");
        await Assertions.Expect(publishedRow).ToContainTextAsync("120.00元/次");
        await Assertions.Expect(publishedRow).ToContainTextAsync("佛子岭镇");

        // The printed catalogue of that version comes through the portal.
        var print = await office.Page.GetByRole(AriaRole.Link, new() { Name = "打印清单（A4 横向）" }).GetAttributeAsync("href");
        var printed = await adminContext.NewPageAsync();
        var response = await printed.GotoAsync(office.Url(print!));
        Assert.NotNull(response);
        Assert.True(response.Ok, $"print answered {response.Status}");
        Assert.Contains("就医陪护", await printed.InnerTextAsync("body"), StringComparison.Ordinal);
        await adminContext.DisposeAsync();
        await caseworkerContext.DisposeAsync();
    }

    /// <summary>
    /// The next free date, but at least a month ahead: until then the version in force — which the county's other tests
    /// match and price against — stays as it is.
    /// </summary>
    private static async Task<DateOnly> EffectiveDateAsync(HttpClient reader)
    {
        var next = await CatalogueDrafts.NextEffectiveDateAsync(reader);
        var monthAhead = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        return next > monthAhead ? next : monthAhead;
    }

    private static string Code(JsonElement item) => item.GetProperty("item").GetProperty("code").GetString()!;

    private static string Class(JsonElement item) => item.GetProperty("item").GetProperty("classCode").GetString()!;
}
