using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Volunteers and their time bank on screens, in Debian's Chromium through the gateway: the caseworker registers a
/// volunteer (the API's messages beside the fields first; name and phone shown masked afterwards), credits the hours of
/// a service — once per service — and redeems hours, never beyond the balance; every figure the API's own. Township
/// staff of another township do not see the volunteer, a supervisor reads without forms, finance has no such page.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalVolunteerTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    private static readonly int[] Mondays = [1];

    [Fact]
    public async Task A_volunteer_is_registered_credited_once_per_service_and_redeems_no_more_than_the_balance()
    {
        const string fullName = "陈桂兰";
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var maskedPhone = $"139****{phone[^4..]}";
        var (caseworkerContext, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.Page.GetByRole(AriaRole.Link, new() { Name = "志愿者与时间银行" }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(caseworker.Url("/volunteers"));
        await Assertions.Expect(caseworker.Page.GetByRole(AriaRole.Heading, new() { Name = "志愿者与时间银行", Level = 1 })).ToBeVisibleAsync();
        var form = caseworker.Page.GetByTestId("volunteer-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        // Nothing filled in: nothing registered, each of the API's messages beside its field.
        await form.GetByRole(AriaRole.Button, new() { Name = "登记志愿者" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#volunteer-township-error")).ToHaveTextAsync("请填写本县的乡镇代码。");
        await Assertions.Expect(caseworker.Page.Locator("#volunteer-name-error")).ToHaveTextAsync("请填写姓名。");
        await Assertions.Expect(caseworker.Page.Locator("#volunteer-phone-error")).ToHaveTextAsync("联系电话必填。");
        await caseworker.AssertAccessibleAsync();

        await caseworker.Page.Locator("#volunteer-township").SelectOptionAsync(Foziling);
        await caseworker.Page.Locator("#volunteer-name").FillAsync(fullName);
        await caseworker.Page.Locator("#volunteer-phone").FillAsync(phone);
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "周二" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "周六" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "登记志愿者" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-done")).ToHaveTextAsync("已登记志愿者 陈**。");

        var api = await County.ClientForAsync("caseworker");
        var registered = (await api.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers?townshipCode={Foziling}&search={phone}")).GetProperty("items").EnumerateArray()
            .Single(v => v.GetProperty("phone").GetString() == maskedPhone && v.GetProperty("name").GetString() == "陈**");
        var id = registered.GetProperty("id").GetGuid();
        Assert.Equal([2, 6], registered.GetProperty("availableDays").EnumerateArray().Select(d => d.GetInt32()));

        // Listed masked, with the township, days and an empty balance; the full name and phone are nowhere on the page.
        var row = caseworker.Page.Locator($"[data-testid=volunteers] tr[data-volunteer='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("陈**");
        await Assertions.Expect(row).ToContainTextAsync(maskedPhone);
        await Assertions.Expect(row).ToContainTextAsync("佛子岭镇");
        await Assertions.Expect(row).ToContainTextAsync("周二、周六");
        Assert.Equal("0.0", (await row.GetByTestId("volunteer-balance").InnerTextAsync()).Trim());
        var listed = await caseworker.MainAsync();
        Assert.DoesNotContain(fullName, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, listed, StringComparison.Ordinal);

        // The volunteer's page: hours for a service need the service named; then credited once, not twice.
        await row.GetByRole(AriaRole.Link, new() { Name = "陈**" }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(caseworker.Url($"/volunteers/{id}"));
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-balance")).ToHaveTextAsync("0.0");
        var service = $"工单 {Guid.NewGuid():N}"[..15];
        await caseworker.Page.Locator("#credit-hours").FillAsync("2.5");
        await caseworker.Page.GetByTestId("credit-form").GetByRole(AriaRole.Button, new() { Name = "记入服务时长" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#credit-reference-error")).ToHaveTextAsync("请填写对应的服务（如工单号）。");
        await caseworker.Page.Locator("#credit-reference").FillAsync(service);
        await caseworker.Page.GetByTestId("credit-form").GetByRole(AriaRole.Button, new() { Name = "记入服务时长" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-done")).ToHaveTextAsync("已记入 2.5 小时，余额 2.5 小时。");
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-balance")).ToHaveTextAsync("2.5");

        await caseworker.Page.Locator("#credit-hours").FillAsync("2.5");
        await caseworker.Page.Locator("#credit-reference").FillAsync(service);
        await caseworker.Page.GetByTestId("credit-form").GetByRole(AriaRole.Button, new() { Name = "记入服务时长" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-problem")).ToHaveTextAsync("该服务的时长已经记入，不能重复记入。");
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-balance")).ToHaveTextAsync("2.5");

        // Redeeming more than the balance is refused; within it, the balance falls.
        await caseworker.Page.Locator("#redeem-hours").FillAsync("5");
        await caseworker.Page.Locator("#redeem-reference").FillAsync("兑换上门理发");
        await caseworker.Page.GetByTestId("redeem-form").GetByRole(AriaRole.Button, new() { Name = "兑换时长" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-problem")).ToHaveTextAsync("时间银行余额不足，不能兑换。");
        await caseworker.Page.Locator("#redeem-hours").FillAsync("1");
        await caseworker.Page.GetByTestId("redeem-form").GetByRole(AriaRole.Button, new() { Name = "兑换时长" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-done")).ToHaveTextAsync("已兑换 1.0 小时，余额 1.5 小时。");
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-balance")).ToHaveTextAsync("1.5");
        var ledger = caseworker.Page.Locator("[data-testid=time-bank] tbody tr");
        await Assertions.Expect(ledger).ToHaveCountAsync(2);
        await Assertions.Expect(ledger.Nth(0)).ToContainTextAsync("兑换使用");
        await Assertions.Expect(ledger.Nth(0)).ToContainTextAsync("-1.0");
        await Assertions.Expect(ledger.Nth(1)).ToContainTextAsync("服务获得");
        await Assertions.Expect(ledger.Nth(1)).ToContainTextAsync("+2.5");
        await Assertions.Expect(ledger.Nth(1)).ToContainTextAsync(service);
        await caseworker.AssertAccessibleAsync();
        await caseworker.ScreenshotAsync("portal-volunteer");

        // The figures are the API's.
        Assert.Equal(1.5m, (await api.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{id}")).GetProperty("balance").GetDecimal());
        var entries = (await api.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{id}/time-bank")).EnumerateArray()
            .Select(e => (e.GetProperty("hours").GetDecimal(), e.GetProperty("balanceAfter").GetDecimal())).ToList();
        Assert.Equal([(-1.0m, 1.5m), (2.5m, 2.5m)], entries);
        await caseworkerContext.DisposeAsync();

        // Another township's staff: not in their list, and the page is refused.
        var (hengshanContext, hengshan) = await OpenAsync();
        await hengshan.SignInAsync("township-hengshan", CountyAppFixture.DemoPassword);
        await hengshan.OpenAsync("/volunteers");
        await Assertions.Expect(hengshan.Page.GetByRole(AriaRole.Heading, new() { Name = "志愿者与时间银行", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(0, await hengshan.Page.Locator($"tr[data-volunteer='{id}']").CountAsync());
        await hengshan.OpenAsync($"/volunteers/{id}");
        await Assertions.Expect(hengshan.Page.GetByText("您无权查看志愿者。")).ToBeVisibleAsync();
        await hengshanContext.DisposeAsync();

        // A supervisor reads the ledger without forms; finance has no menu item and is refused the list.
        var (supervisorContext, supervisor) = await OpenAsync();
        await supervisor.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await supervisor.OpenAsync($"/volunteers/{id}");
        await Assertions.Expect(supervisor.Page.GetByTestId("volunteer-balance")).ToHaveTextAsync("1.5");
        await Assertions.Expect(supervisor.Page.GetByTestId("credit-form")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.Page.GetByTestId("redeem-form")).ToHaveCountAsync(0);
        await supervisorContext.DisposeAsync();

        var (financeContext, finance) = await OpenAsync();
        await finance.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await Assertions.Expect(finance.Page.GetByRole(AriaRole.Link, new() { Name = "志愿者与时间银行" })).ToHaveCountAsync(0);
        await finance.OpenAsync("/volunteers");
        await Assertions.Expect(finance.Page.GetByText("您无权查看志愿者。")).ToBeVisibleAsync();
        await financeContext.DisposeAsync();
    }

    [Fact]
    public async Task The_volunteers_list_pages_through_Provider_newest_first_and_finds_them_by_a_phones_last_four_digits()
    {
        // 25 volunteers whose phones end alike: more than a page of the portal's 20, and a search that finds only them.
        var tail = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prefix = Random.Shared.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var api = await County.ClientForAsync("caseworker");
        var registered = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            var created = await api.PostAsJsonAsync("/api/provider/volunteers", new
            {
                townshipCode = Foziling, name = "孙" + "一二三四五六七八九十"[i % 10] + "明", phone = $"136{prefix}{i:00}{tail}", skills = Array.Empty<string>(), availableDays = Mondays,
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            registered.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        // The API pages them, newest first, and counts them all.
        var second = await api.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers?townshipCode={Foziling}&search={tail}&page=2&pageSize=20");
        Assert.Equal(25, second.GetProperty("total").GetInt32());
        var newestFirst = Enumerable.Reverse(registered).ToList();
        Assert.Equal(newestFirst.Skip(20), second.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));

        var (context, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.OpenAsync("/volunteers");
        await caseworker.Page.Locator("#volunteer-township-filter").SelectOptionAsync(Foziling);
        await caseworker.Page.Locator("#volunteer-search").FillAsync(tail);
        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(url => url.Contains($"search={tail}", StringComparison.Ordinal));
        var rows = caseworker.Page.Locator("[data-testid=volunteers] tbody tr");
        await Assertions.Expect(caseworker.Page.GetByTestId("volunteer-total")).ToHaveTextAsync("共 25 名，最新登记的在前。");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-volunteer", newestFirst[0].ToString());
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-volunteer", newestFirst[19].ToString());
        await Assertions.Expect(caseworker.Page.GetByTestId("pager-position")).ToHaveTextAsync("第 1 / 2 页");

        await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pager-position")).ToHaveTextAsync("第 2 / 2 页");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-volunteer", newestFirst[20].ToString());
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-volunteer", registered[0].ToString());
        await Assertions.Expect(rows.Last).ToContainTextAsync($"136****{tail}");
        await caseworker.AssertAccessibleAsync();
        await context.DisposeAsync();
    }
}
