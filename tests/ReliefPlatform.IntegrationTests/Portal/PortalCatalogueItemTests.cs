using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Catalogue;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A brand-new item added to a catalogue draft on screens, in Debian's Chromium through the gateway: the API's messages
/// beside each field of an empty item, a code the draft already has refused before it could overwrite that item, and then
/// the item with its class, target scope (a mass organisation's group among it), standard, provider kinds, price, funding, an overlap rule and a township —
/// in the draft as the API keeps it.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalCatalogueItemTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_caseworker_adds_a_new_item_to_a_draft_with_the_apis_messages_beside_its_fields()
    {
        var api = await County.ClientForAsync("caseworker");
        var draft = await CatalogueDrafts.StartAsync(api, "门户新增事项测试");
        var vocabulary = (await api.GetFromJsonAsync<JsonElement>("/api/catalogue/vocabulary")).EnumerateArray()
            .Select(c => (Kind: c.GetProperty("kind").GetString()!, Code: c.GetProperty("code").GetString()!, Name: c.GetProperty("nameZh").GetString()!)).ToList();
        var need = vocabulary.First(c => c.Kind == "need");
        var kind = vocabulary.First(c => c.Kind == "provider-kind" && c.Code == "social-work-organisation");
        var funding = vocabulary.First(c => c.Kind == "funding-source" && c.Code == "fiscal-budget");
        var policy = vocabulary.First(c => c.Kind == "policy");
        var code = $"pt-{Guid.NewGuid():N}"[..11];

        try
        {
            var (context, caseworker) = await OpenAsync();
            await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
            await caseworker.OpenAsync($"/catalogue/drafts/{draft}");
            await Assertions.Expect(caseworker.Page.GetByTestId("draft-status")).ToHaveTextAsync("草稿");
            await caseworker.Page.GetByRole(AriaRole.Button, new() { Name = "新增事项" }).ClickAsync();
            var form = caseworker.Page.GetByTestId("item-form");
            await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = "新增服务事项" })).ToBeVisibleAsync();

            // Nothing filled in: nothing saved, the API's message beside each field.
            await form.GetByRole(AriaRole.Button, new() { Name = "保存事项" }).ClickAsync();
            await Assertions.Expect(caseworker.Page.Locator("#item-code-error")).ToHaveTextAsync("事项编码必填，只能由小写字母、数字和连字符组成（2–40 位），如 meal-delivery。");
            await Assertions.Expect(caseworker.Page.Locator("#item-class-error")).ToContainTextAsync("服务类别");
            await Assertions.Expect(caseworker.Page.Locator("#item-scope-error")).ToHaveTextAsync("服务对象范围至少要限定家庭类别、困境类型或服务需求之一，否则全县所有人都符合。");
            await Assertions.Expect(caseworker.Page.Locator("#item-modes-error")).ToHaveTextAsync("请选择服务方式：Home（上门）、Centre（到站）或 Remote（远程）。");
            await Assertions.Expect(caseworker.Page.Locator("#item-kinds-error")).ToHaveTextAsync("请列出可以提供该服务的服务主体类型。");
            await Assertions.Expect(caseworker.Page.Locator("#item-price-error")).ToHaveTextAsync("政府购买的事项须有大于 0 的单价（元）。");
            await caseworker.AssertAccessibleAsync();

            // A code the draft already has: refused before it could overwrite that item.
            await caseworker.Page.Locator("#item-code").FillAsync("hospital-escort");
            await form.GetByRole(AriaRole.Button, new() { Name = "保存事项" }).ClickAsync();
            await Assertions.Expect(caseworker.Page.Locator("#item-code-error")).ToHaveTextAsync("草稿中已有该编码的事项，请在列表中修改它。");

            await caseworker.Page.Locator("#item-code").FillAsync(code);
            await caseworker.Page.Locator("#item-class").SelectOptionAsync("care");
            await caseworker.Page.Locator("#item-name-zh").FillAsync("门户测试助洁");
            await caseworker.Page.Locator("#item-name-en").FillAsync("Portal test cleaning");
            await caseworker.Page.Locator("#item-content").FillAsync("上门打扫居室、清洗衣物。");
            await form.GetByTestId("item-scope").GetByLabel(need.Name, new() { Exact = true }).CheckAsync();
            await caseworker.Page.Locator("#item-times").FillAsync("2");
            await caseworker.Page.Locator("#item-per").SelectOptionAsync("Month");
            await caseworker.Page.Locator("#item-minutes").FillAsync("60");
            await caseworker.Page.Locator("#item-required").FillAsync("打扫居室\n清洗衣物");
            await form.GetByLabel("上门", new() { Exact = true }).CheckAsync();
            await form.GetByLabel(kind.Name, new() { Exact = true }).CheckAsync();
            await form.GetByLabel(funding.Name, new() { Exact = true }).CheckAsync();
            await caseworker.Page.Locator("#item-price").FillAsync("80");
            await caseworker.Page.Locator("#item-overlap-policy").SelectOptionAsync(policy.Code);
            await caseworker.Page.Locator("#item-overlap-effect").SelectOptionAsync("Exclude");
            await caseworker.Page.Locator("#item-overlap-note").FillAsync("已享受该政策的家庭不重复安排。");
            // A mass organisation's group: the member served is a woman out of work or in flexible work.
            await caseworker.Page.Locator("#item-scope-sex").SelectOptionAsync("Female");
            await caseworker.Page.Locator("#item-employment-Unemployed").CheckAsync();
            await caseworker.Page.Locator("#item-employment-FlexiblyEmployed").CheckAsync();
            await form.GetByLabel("佛子岭镇", new() { Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "保存事项" }).ClickAsync();
            await Assertions.Expect(caseworker.Page.GetByTestId("draft-done")).ToHaveTextAsync("事项已保存到草稿。");
            var row = caseworker.Page.Locator($"[data-testid=catalogue-items] tr[data-item='{code}']");
            await Assertions.Expect(row).ToContainTextAsync("门户测试助洁");
            await Assertions.Expect(row).ToContainTextAsync("80.00元/次");
            await Assertions.Expect(row).ToContainTextAsync("佛子岭镇");
            await caseworker.AssertAccessibleAsync();
            await context.DisposeAsync();

            // The draft holds the item as the API keeps it.
            var saved = (await api.GetFromJsonAsync<JsonElement>($"/api/catalogue/drafts/{draft}")).GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("item").GetProperty("code").GetString() == code).GetProperty("item");
            Assert.Equal("care", saved.GetProperty("classCode").GetString());
            Assert.Equal([need.Code], saved.GetProperty("scope").GetProperty("needCodes").EnumerateArray().Select(n => n.GetString()!).ToArray());
            Assert.Equal("Female", saved.GetProperty("scope").GetProperty("sex").GetString());
            Assert.Equal(["FlexiblyEmployed", "Unemployed"], saved.GetProperty("scope").GetProperty("employmentStatuses").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(2, saved.GetProperty("standard").GetProperty("frequency").GetProperty("times").GetInt32());
            Assert.Equal([kind.Code], saved.GetProperty("providerKinds").EnumerateArray().Select(n => n.GetString()!).ToArray());
            Assert.Equal([Foziling], saved.GetProperty("townships").EnumerateArray().Select(n => n.GetString()!).ToArray());
            var overlap = saved.GetProperty("overlaps").EnumerateArray().Single();
            Assert.Equal(policy.Code, overlap.GetProperty("policyCode").GetString());
            Assert.Equal("Exclude", overlap.GetProperty("effect").GetString());
        }
        finally
        {
            // The draft is this test's own: given up, so no other test sees it among the drafts.
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/catalogue/drafts/{draft}")).StatusCode);
        }
    }
}
