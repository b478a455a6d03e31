using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The county hub's portal through the gateway, as its people use it in Debian's Chromium: sign in at the identity
/// service (code + PKCE), today's work, registering a household (the API's Chinese message next to the field), the
/// household page with members masked until a reason is given, township staff walled into their township; no serious
/// or critical accessibility finding on any page.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";
    [Fact]
    public async Task A_caseworker_signs_in_sees_todays_work_switches_language_and_signs_out()
    {
        var (context, portal) = await OpenAsync(1366, 768);
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);

        Assert.Equal("今日工作", await portal.HeadingAsync());
        Assert.Contains("caseworker（县级个案工作人员）", await portal.HeaderAsync(), StringComparison.Ordinal);
        Assert.True(await portal.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        // Each count is the API's own answer for this user.
        var caseworker = await County.ClientForAsync("caseworker");
        var drafts = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/plans?status=Draft")).GetArrayLength();
        var alerts = (await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/alerts?pageSize=1")).GetProperty("total").GetInt32();
        Assert.Equal(drafts.ToString(System.Globalization.CultureInfo.InvariantCulture), await portal.Page.InnerTextAsync("[data-testid=tile-plans] .count"));
        Assert.Equal(alerts.ToString(System.Globalization.CultureInfo.InvariantCulture), await portal.Page.InnerTextAsync("[data-testid=tile-alerts] .count"));
        await portal.ScreenshotAsync("portal-workbench");
        await portal.AssertAccessibleAsync();

        // Tokens stay on the server: the browser holds one HttpOnly cookie that is no token, and the page holds none.
        var cookies = await context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "relief.portal");
        Assert.True(session.HttpOnly);
        Assert.DoesNotContain(cookies, c => c.Value.StartsWith("eyJ", StringComparison.Ordinal));
        Assert.DoesNotContain("eyJ", await portal.Page.ContentAsync(), StringComparison.Ordinal);

        // A tile is a click away from its list; keyboard users reach it by Tab and Enter.
        await portal.Page.FocusAsync("[data-testid=tile-plans]");
        await portal.Page.Keyboard.PressAsync("Enter");
        await portal.Page.WaitForURLAsync(portal.Url("/plans"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("待审批服务计划");
        await portal.WaitForCircuitAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/plans"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("Service plans to approve");
        Assert.Contains("county caseworker", await portal.HeaderAsync(), StringComparison.Ordinal);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("待审批服务计划");

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/signed-out"));
        Assert.Contains("您已退出登录", await portal.MainAsync(), StringComparison.Ordinal);

        // The old cookie, replayed, signs no one in: the session ended on the server.
        await using var replay = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        await replay.AddCookiesAsync([new Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path }]);
        var again = await replay.NewPageAsync();
        await again.GotoAsync(portal.Url("/"));
        Assert.Contains("/account/login", again.Url, StringComparison.Ordinal);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_registers_a_household_sees_the_field_error_and_then_the_masked_household()
    {
        var (context, portal) = await OpenAsync(1366, 768);
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "登记家庭" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/register"));
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("登记家庭");
        await portal.WaitForCircuitAsync();
        await portal.AssertAccessibleAsync();

        var idNumber = People.IdNumber(72);
        var wrongCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        await portal.Page.GetByLabel("乡镇").SelectOptionAsync(Hengshan);
        // The village by its name, from the chosen township's villages and communities.
        await portal.Page.GetByLabel("村（社区）", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "衡山五村（示例）" });
        await portal.Page.GetByLabel("救助类别").SelectOptionAsync("特困供养");
        await portal.Page.GetByLabel("姓名").FillAsync("钱玉兰");
        await portal.Page.GetByLabel("身份证号").FillAsync(wrongCheck);
        await portal.Page.GetByLabel("与户主关系").SelectOptionAsync("户主");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "提交登记" }).ClickAsync();

        // The API's own message, in Chinese, next to the ID number field of the first member.
        var idField = portal.Page.Locator("[data-testid=member-0] .ant-form-item", new() { HasText = "身份证号" });
        await Assertions.Expect(idField.Locator(".ant-form-item-explain-error")).ToContainTextAsync("公民身份号码校验码不正确");
        Assert.Equal("/register", new Uri(portal.Page.Url).AbsolutePath);
        await portal.ScreenshotAsync("portal-register-error");

        await portal.Page.GetByLabel("身份证号").FillAsync(idNumber);
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "提交登记" }).ClickAsync();
        await portal.WaitForUrlAfterSubmitAsync(new System.Text.RegularExpressions.Regex("/households/[0-9a-f-]{36}$"));
        await Assertions.Expect(portal.Page.GetByTestId("household-category")).ToBeVisibleAsync();
        await portal.WaitForCircuitAsync();

        Assert.Equal("家庭详情", await portal.HeadingAsync());
        Assert.Equal("特困供养", await portal.Page.InnerTextAsync("[data-testid=household-category]"));
        Assert.Equal("钱**", await portal.Page.InnerTextAsync("[data-testid=member-name]"));
        Assert.DoesNotContain(idNumber, await portal.MainAsync(), StringComparison.Ordinal);
        await portal.AssertAccessibleAsync();

        // 显示完整信息 asks why; without a reason the API refuses, with one it answers (and audits).
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "显示完整信息" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("main .ant-alert-error")).ToContainTextAsync("请选择查看原因");
        await portal.Page.GetByLabel("查看原因").SelectOptionAsync("home-visit");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "显示完整信息" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("[data-testid=member-id]")).ToHaveTextAsync(idNumber);
        Assert.Equal("钱玉兰", await portal.Page.InnerTextAsync("[data-testid=member-name]"));
        var householdPage = portal.Page.Url;

        // Next time she comes to the desk, her ID number finds the household (a wrong one is refused at the field).
        await portal.OpenAsync("/households");
        await portal.Page.GetByLabel("身份证号").FillAsync(wrongCheck);
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "按身份证号查找" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#id-number-error")).ToContainTextAsync("公民身份号码校验码不正确");
        await portal.Page.GetByLabel("身份证号").FillAsync(idNumber);
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "按身份证号查找" }).ClickAsync();
        await portal.Page.WaitForURLAsync(householdPage);
        Assert.DoesNotContain(idNumber, portal.Page.Url, StringComparison.OrdinalIgnoreCase);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task Township_staff_see_their_own_township_and_no_other_townships_household()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var hengshanHousehold = await Assessments.RegisterAsync(caseworker, Hengshan, "206");
        await Assessments.RegisterAsync(caseworker, Foziling, "206");

        var (context, portal) = await OpenAsync(1024, 768);
        await portal.SignInAsync("township-foziling", CountyAppFixture.DemoPassword);
        Assert.Contains("township-foziling（乡镇工作人员）", await portal.HeaderAsync(), StringComparison.Ordinal);
        Assert.True(await portal.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "家庭档案" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/households"));
        await Assertions.Expect(portal.Page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        await portal.ScreenshotAsync("portal-households-tablet");
        Assert.Equal(Foziling, await portal.Page.Locator("#township").InputValueAsync());
        var townships = await portal.Page.Locator("tr.ant-table-row td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(townships);
        Assert.All(townships, t => Assert.Equal("佛子岭镇", t));
        await portal.AssertAccessibleAsync();

        // One village, chosen by its name among the township's; the list says villages by name too.
        await portal.Page.Locator("#village").SelectOptionAsync(new SelectOptionValue { Label = "佛子岭六村（示例）" });
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"village={Foziling}206"));
        // The list re-renders after the address changes: wait until the rows of other villages are gone, then read them.
        var villages = portal.Page.Locator("tr.ant-table-row td:nth-child(4)");
        await Assertions.Expect(villages.Filter(new() { HasNotText = "佛子岭六村（示例）" })).ToHaveCountAsync(0);
        await Assertions.Expect(villages.First).ToBeVisibleAsync();
        Assert.All(await villages.AllInnerTextsAsync(), v => Assert.Equal("佛子岭六村（示例）", v.Trim()));

        // Asking for every township changes nothing: the API answers with their own township only.
        await portal.Page.GetByLabel("乡镇").SelectOptionAsync("");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/households$"));
        await Assertions.Expect(portal.Page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        Assert.All(await portal.Page.Locator("tr.ant-table-row td:nth-child(3)").AllInnerTextsAsync(), t => Assert.Equal("佛子岭镇", t.Trim()));
        Assert.Equal(0, await portal.Page.Locator($"a[href='/households/{hengshanHousehold}']").CountAsync());

        // The ledger downloads from a plain link (the portal fetches it as this user), walled as the list is.
        var csv = await File.ReadAllTextAsync(await (await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("export-csv").ClickAsync())).PathAsync());
        Assert.True(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, csv);
        Assert.True(csv.Contains(Foziling, StringComparison.Ordinal) || csv.Contains("佛子岭镇", StringComparison.Ordinal), csv);
        Assert.DoesNotContain(Hengshan, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("衡山镇", csv, StringComparison.Ordinal);
        var xlsx = await File.ReadAllBytesAsync(await (await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("export-xlsx").ClickAsync())).PathAsync());
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]); // an Office Open XML package, not an error page

        await portal.OpenAsync($"/households/{hengshanHousehold}");
        await Assertions.Expect(portal.Page.Locator("main")).ToContainTextAsync("无权访问");
        Assert.DoesNotContain("家庭成员", await portal.MainAsync(), StringComparison.Ordinal);
        await portal.AssertAccessibleAsync();
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_approves_the_assessment_a_village_visitor_submitted_from_the_household_page()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "201");
        var visitor = await County.ClientForAsync("visitor-hengshan");
        var started = await Assessments.StartAsync(visitor, household, await Assessments.AnswersAsync(visitor), "希望每天有人送饭");
        started.EnsureSuccessStatusCode();
        var assessment = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await visitor.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).EnsureSuccessStatusCode();

        var (context, portal) = await OpenAsync(1366, 768);
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync($"/households/{household}");
        await Assertions.Expect(portal.Page.GetByTestId("assessment-decision")).ToBeVisibleAsync();
        // Every indicator with its points and the answers behind them.
        Assert.Contains("待审批", await portal.MainAsync(), StringComparison.Ordinal);
        Assert.True(await portal.Page.Locator("main .ant-card tr.ant-table-row").CountAsync() > 5);
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-household");

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("assessment-decision-result")).ToContainTextAsync("评估已批准");
        await Assertions.Expect(portal.Page.GetByTestId("assessment-decision")).ToHaveCountAsync(0);
        var stored = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{assessment}");
        Assert.Equal("Approved", stored.GetProperty("status").GetString());
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_opens_a_work_order_reads_its_timeline_and_cancels_it_with_a_reason()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        // In 佛子岭镇: the demo provider's orders in 衡山镇 are what the BOLA matrix's outsider must not find.
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "206");
        var project = await DeliveredOrders.FundAsync(County, Foziling);
        var order = Guid.Empty;
        await Messaging.MessagingHost.EventuallyAsync(async () =>
        {
            var created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
            {
                householdId = household, itemCode = "daily-care", providerId = ReliefPlatform.ServiceDefaults.County.DemoCounty.ProviderId,
                year = DateTime.UtcNow.AddHours(8).Year, projectCode = project, units = 1, unitPrice = 10.00m, standardMinutes = 0,
            });
            order = created.IsSuccessStatusCode ? (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : Guid.Empty;
            return created.IsSuccessStatusCode;
        }, "Delivery knows the household and takes the order");
        await Messaging.MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString() == "Assigned",
            "Funding reserved the money and the order went to the provider");

        var (context, portal) = await OpenAsync(1366, 768);
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "服务工单" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/work-orders"));
        await portal.WaitForCircuitAsync();
        await portal.Page.Locator("#status").SelectOptionAsync("Assigned");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator($"a[href='/work-orders/{order}']")).ToBeVisibleAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.Locator($"a[href='/work-orders/{order}']").ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/work-orders/{order}"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.GetByTestId("order-status")).ToHaveTextAsync("已派单");
        await Assertions.Expect(portal.Page.GetByTestId("order-timeline")).ToContainTextAsync("已派单");
        await portal.AssertAccessibleAsync();

        // Without a reason the API refuses, and says so beside the reason.
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "取消工单" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#cancel-error")).ToContainTextAsync("请选择取消原因");
        Assert.Equal("Assigned", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString());

        await portal.Page.GetByLabel("取消原因").SelectOptionAsync("household-declined");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "取消工单" }).ClickAsync();
        try
        {
            await Assertions.Expect(portal.Page.GetByTestId("order-status")).ToHaveTextAsync("已取消");
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"not cancelled; the page says: {await portal.MainAsync()}");
        }

        await Assertions.Expect(portal.Page.GetByTestId("order-timeline")).ToContainTextAsync("已取消");
        Assert.Equal("Cancelled", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString());
        await context.DisposeAsync();
    }
}
