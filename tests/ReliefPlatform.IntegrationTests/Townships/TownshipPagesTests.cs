using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Townships;

/// <summary>
/// 佛子岭镇's staff at their centre's pages, in a real headless Chromium on a tablet-sized screen, through the
/// gateway: sign in, find the delivered service on the worklist, confirm it with the resident's score, record a
/// visit (a mistake is shown next to the field), take a complaint — and each reaches the hub.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class TownshipPagesTests(CountyAppFixture county) : IAsyncLifetime
{
    private const string Foziling = "341525101";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private string Pages => new Uri(county.Gateway.BaseAddress!, $"/townships/{Foziling}/pages/").ToString();

    public async Task InitializeAsync() => (_playwright, _browser) = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Staff_confirm_a_service_record_a_visit_and_take_a_complaint_from_the_pages()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "204");
        var project = await DeliveredOrders.FundAsync(county, Foziling);
        var order = (await DeliveredOrders.DeliverAsync(county, project, [household])).Single();
        var staffApi = await county.ClientForAsync("township-foziling");
        await MessagingHost.EventuallyAsync(async () => (await staffApi.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/worklist"))
            .GetProperty("toConfirm").EnumerateArray().Any(o => o.GetProperty("id").GetGuid() == order), "the centre heard of the delivered service");

        await using var tablet = await Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        // A stranger is sent through the gateway to the county's sign-in page (authorization code + PKCE).
        var first = await page.GotoAsync(Pages);
        Assert.Equal(200, first!.Status);
        Assert.StartsWith(new Uri(county.Gateway.BaseAddress!, "/account/login").ToString(), page.Url, StringComparison.Ordinal);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        // No "remember me" on a shared front-desk PC.
        Assert.Equal(0, await page.Locator("input[type=checkbox]").CountAsync());
        await Browser.SignInAsync(page, "township-foziling", "not-the-password-1A");
        Assert.Contains("用户名或密码不正确。", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await Browser.SignInAsync(page, "township-foziling", CountyAppFixture.DemoPassword);

        Assert.StartsWith("工作台", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        var header = await page.InnerTextAsync("header");
        Assert.Contains("佛子岭镇社会救助服务中心", header, StringComparison.Ordinal);
        // Who is signed in, in words: the display name (seeded for the demo account) and the role, not the account's id.
        Assert.Contains("王晓燕（乡镇工作人员）", header, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-", header);
        // Usable on the tablet: nothing runs off the side of the screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        // Names where a person reads: the catalogue's name for the item, the provider's name — not their code and id.
        var item = await caseworker.GetFromJsonAsync<JsonElement>("/api/catalogue/current/items/daily-care");
        var worklistText = await page.InnerTextAsync("main");
        Assert.Contains(item.GetProperty("item").GetProperty("nameZh").GetString()!, worklistText, StringComparison.Ordinal);
        Assert.Contains(DemoCounty.ProviderName, worklistText, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoCounty.ProviderId, worklistText, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "township-worklist");

        await page.ClickAsync($"a[href$='confirm/{order}']");
        Assert.Equal("确认服务", await page.InnerTextAsync("h1"));
        // The provider's record had no evidence and no position: staff are told to ask the resident first.
        Assert.Contains("服务记录不全：无佐证材料、无服务定位", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认服务" }).ClickAsync();
        Assert.Contains("满意度为 1–5 分。", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GetByLabel("4 分 · 满意").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认服务" }).ClickAsync();
        Assert.Contains("已受理", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains($"/households/{household}", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "记录走访" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        Assert.Equal("请填写走访情况（不超过500字）。", await page.InnerTextAsync("p.error"));
        await page.GetByLabel("走访情况").FillAsync("老人独居，行动不便，希望增加送餐");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        Assert.Contains("已受理", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "登记投诉" }).First.ClickAsync();
        await page.GetByLabel("投诉类别").SelectOptionAsync("NotDelivered");
        await page.GetByLabel("投诉内容").FillAsync("上周三约定的服务没有上门");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交投诉" }).ClickAsync();
        Assert.Contains("已受理", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await MessagingHost.EventuallyAsync(async () =>
        {
            var atHub = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}");
            var visits = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/visits");
            var complaints = await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/complaints");
            return atHub.GetProperty("status").GetString() == "Confirmed" && atHub.GetProperty("satisfaction").GetInt32() == 4
                && visits.GetArrayLength() == 1
                && complaints.EnumerateArray().Any(c => c.GetProperty("householdId").GetGuid() == household && c.GetProperty("description").GetString() == "上周三约定的服务没有上门");
        }, "the confirmation, the visit and the complaint reached the hub");

        await page.ReloadAsync();
        Assert.Equal(3, await page.Locator("td", new() { HasTextString = "已同步" }).CountAsync());

        // A household applies at the desk: a wrong ID number is shown next to its field and not echoed back.
        var idNumber = Assessment.People.IdNumber(72);
        await page.GotoAsync(Pages);
        await page.GetByRole(AriaRole.Link, new() { Name = "救助申请登记" }).ClickAsync();
        await page.Locator("#name0").FillAsync("刘玉兰");
        await page.Locator("#idNumber0").FillAsync(idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'));
        await page.GetByLabel("村（社区）", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "佛子岭五村（示例）" });
        await page.GetByLabel("救助类别").SelectOptionAsync("特困供养");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        Assert.Equal("公民身份号码校验码不正确，请核对。", await page.InnerTextAsync("p.error"));
        Assert.Equal("", await page.Locator("#idNumber0").InputValueAsync());
        Assert.Equal("刘玉兰", await page.Locator("#name0").InputValueAsync());
        await page.Locator("#idNumber0").FillAsync(idNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        Assert.Equal("申请已受理", await page.InnerTextAsync("h1"));
        // Registered at the hub in the village chosen by its name.
        await MessagingHost.EventuallyAsync(async () =>
        {
            var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber });
            return found.IsSuccessStatusCode && (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("villageCode").GetString() == $"{Foziling}205";
        }, "the application reached the registry in 佛子岭五村");
    }

    [Fact]
    public async Task A_visitor_takes_a_needs_assessment_on_the_visit_form_and_it_waits_at_the_hub_for_a_second_persons_approval()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "206");
        var staffApi = await county.ClientForAsync("visitor-foziling");
        await MessagingHost.EventuallyAsync(async () => (await staffApi.GetAsync($"/api/townships/{Foziling}/households/{household}")).IsSuccessStatusCode,
            "the centre knows the household");

        await using var tablet = await Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync(Pages + "login");
        await Browser.SignInAsync(page, "visitor-foziling", CountyAppFixture.DemoPassword);
        await page.GotoAsync(Pages + $"visit?householdId={household}");

        await page.GetByLabel("走访情况").FillAsync("老人独居，腿脚不便");
        await page.GetByLabel("本次走访同时进行困境评估", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        // Nothing answered yet: every question says so, next to itself.
        var unanswered = await page.Locator("p.error").CountAsync();
        Assert.True(unanswered >= 8, $"{unanswered} questions were flagged");
        Assert.True(await page.GetByLabel("本次走访同时进行困境评估", new() { Exact = false }).IsCheckedAsync());

        // Answer every question with its first option.
        await page.EvaluateAsync("""
            () => { const seen = new Set();
              for (const input of document.querySelectorAll("input[name^='ans.']")) { if (!seen.has(input.name)) { seen.add(input.name); input.checked = true; } } }
            """);
        await page.GetByLabel("服务诉求").FillAsync("希望有人上门送餐");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        Assert.Contains("已受理", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        JsonElement assessment = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var assessments = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments");
            assessment = assessments.EnumerateArray().FirstOrDefault();
            return assessment.ValueKind == JsonValueKind.Object;
        }, "the visit's assessment reached Assessment");
        Assert.Equal("Submitted", assessment.GetProperty("status").GetString());
        Assert.Equal("希望有人上门送餐", assessment.GetProperty("statedRequests").GetString());
        var visits = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/visits");
        Assert.Equal(assessment.GetProperty("id").GetGuid(), Assert.Single(visits.EnumerateArray()).GetProperty("assessmentId").GetGuid());
    }

    [Fact]
    public async Task Staff_list_the_townships_households_by_village_and_find_one_by_a_members_ID_number()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var idNumber = Assessment.People.IdNumber(74);
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "203", Assessment.People.Member("蒋秀兰", idNumber));
        var elsewhere = Assessment.People.IdNumber(75);
        await Assessments.RegisterAsync(caseworker, "341525100", "203", Assessment.People.Member("韩春生", elsewhere));
        var staffApi = await county.ClientForAsync("township-foziling");
        await MessagingHost.EventuallyAsync(async () => (await staffApi.GetAsync($"/api/townships/{Foziling}/households/{household}")).IsSuccessStatusCode,
            "the centre knows the household");

        await using var tablet = await Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync(Pages + "login");
        await Browser.SignInAsync(page, "township-foziling", CountyAppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "本乡镇家庭" }).ClickAsync();
        Assert.Equal("本乡镇家庭", await page.InnerTextAsync("h1"));

        // By village, chosen by its name: the household is listed with its village's name and category, a link to its page.
        await page.GetByLabel("村（社区）", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "佛子岭三村（示例）" });
        await page.GetByLabel("救助类别").SelectOptionAsync(new SelectOptionValue { Label = "特困供养" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = page.Locator("tr", new() { Has = page.Locator($"a[href$='households/{household}']") });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("佛子岭三村（示例）", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("特困供养", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.All(await page.Locator("tbody tr td:first-child").AllInnerTextsAsync(), village => Assert.Equal("佛子岭三村（示例）", village));
        await Browser.ScreenshotAsync(page, "township-households");

        // By a member's ID number, at the hub's registry: straight to the household's page; the number is not shown back.
        await page.GetByLabel("按成员身份证号查找").FillAsync(idNumber.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        Assert.EndsWith($"/households/{household}", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("村（社区）：佛子岭三村（示例）", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("类别：特困供养", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Another township's resident is not found here, and neither number is echoed back.
        await page.GetByRole(AriaRole.Link, new() { Name = "工作台" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "本乡镇家庭" }).ClickAsync();
        await page.GetByLabel("按成员身份证号查找").FillAsync(elsewhere);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        var notice = await page.InnerTextAsync("[role=status]");
        Assert.Equal("佛子岭镇的在册家庭中没有这个身份证号。", notice);
        Assert.DoesNotContain(elsewhere, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // Looked up as the person who asked: the registry's audit names them, with the reason of a look-up.
        var supervisor = await county.ClientForAsync("supervisor");
        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{household}");
        var clerk = Identity.Accounts.Claims(await county.TokenAsync("township-foziling", CountyAppFixture.DemoPassword)).GetProperty("sub").GetString();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "household.lookup-by-id-number"
            && e.GetProperty("actor").GetString() == clerk);
    }

    /// <summary>
    /// Without a CJK font (Debian's Chromium has none unless fonts-noto-cjk is installed) every Chinese character is drawn
    /// as the same empty box: the DOM still reads right, but nobody can read a screenshot. Different characters must draw
    /// differently, and differently from nothing at all.
    /// </summary>
    [Fact]
    public async Task Chinese_on_the_pages_is_drawn_as_glyphs_not_as_empty_boxes()
    {
        await using var tablet = await Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync(Pages + "signed-out");
        var heading = page.Locator("h1");
        Assert.Equal("已退出", await heading.InnerTextAsync());

        var drawn = await heading.ScreenshotAsync();
        await heading.EvaluateAsync("h => h.textContent = '社会救'");
        var otherCharacters = await heading.ScreenshotAsync();
        await heading.EvaluateAsync("h => h.style.color = 'transparent'");
        var hidden = await heading.ScreenshotAsync();

        Assert.NotEqual(hidden, otherCharacters);
        Assert.NotEqual(drawn, otherCharacters);
    }

    [Fact]
    public async Task Another_townships_staff_are_shown_the_door()
    {
        await using var tablet = await Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync(Pages + "login");
        await Browser.SignInAsync(page, "township-hengshan", CountyAppFixture.DemoPassword);
        Assert.Equal("无权访问", await page.InnerTextAsync("h1"));
        Assert.Contains("不属于佛子岭镇", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Null(await page.QuerySelectorAsync("a[href*='households/']"));
    }
}
