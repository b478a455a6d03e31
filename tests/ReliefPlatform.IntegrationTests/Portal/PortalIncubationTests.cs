using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// 培育孵化 in Debian's Chromium through the gateway, as the hub's caseworker does it: an organisation's application (the API's
/// refusals beside the fields), admission, support with seed money (reserved in Funding), a milestone reached, the end
/// assessment, and graduation into the provider registry — each step shown on the incubation's page and in the list.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalIncubationTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_caseworker_incubates_an_organisation_from_its_application_to_graduation_with_seed_money_reserved()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"霍山县暖阳社工服务中心{Guid.NewGuid():N}"[..18];
        var project = $"FH-{Guid.NewGuid():N}"[..16];
        await Budgets.AllocateAsync(County, project, Foziling, 40_000m);

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "培育孵化" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/incubations"));
        await portal.WaitForCircuitAsync();

        // Nothing filled in: nothing recorded, the API's messages beside the fields.
        var form = portal.Page.GetByTestId("incubation-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记入驻申请" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#incubation-subject-error")).ToContainTextAsync("请选择孵化对象");
        await Assertions.Expect(portal.Page.Locator("#incubation-purpose-error")).ToHaveTextAsync("请填写服务方向（不超过 500 字）。");
        await Assertions.Expect(portal.Page.Locator("#incubation-kind-error")).Not.ToBeEmptyAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.Locator("#incubation-subject").SelectOptionAsync("Organisation");
        await portal.Page.Locator("#incubation-kind").SelectOptionAsync("social-work-organisation");
        await portal.Page.Locator("#incubation-township").SelectOptionAsync(Foziling);
        await portal.Page.Locator("#incubation-name").FillAsync(name);
        await portal.Page.Locator("#incubation-purpose").FillAsync("留守儿童课后陪伴与家庭支持");
        await portal.Page.Locator("#incubation-contact-name").FillAsync("程丽华");
        await portal.Page.Locator("#incubation-contact-phone").FillAsync("13955550123");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记入驻申请" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/incubations/[0-9a-f-]{36}$"));
        await portal.WaitForCircuitAsync();
        var id = Guid.Parse(new Uri(portal.Page.Url).Segments[^1]);
        await Assertions.Expect(portal.Page.GetByTestId("incubation-name")).ToHaveTextAsync(name);
        await Assertions.Expect(portal.Page.GetByTestId("incubation-stage")).ToHaveTextAsync("已申请");
        await Assertions.Expect(portal.Page.GetByTestId("incubation-kind")).ToHaveTextAsync("社会工作服务机构");
        Assert.DoesNotContain("程丽华", await portal.MainAsync(), StringComparison.Ordinal);

        // Admitted for a year.
        await portal.Page.Locator("#admit-from").FillAsync(Day(today.AddMonths(-3)));
        await portal.Page.Locator("#admit-until").FillAsync(Day(today.AddMonths(9)));
        await portal.Page.GetByTestId("admit-form").GetByRole(AriaRole.Button, new() { Name = "入驻孵化" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("incubation-stage")).ToHaveTextAsync("孵化中");
        await Assertions.Expect(portal.Page.GetByTestId("incubation-period")).ToHaveTextAsync($"{Day(today.AddMonths(-3))} – {Day(today.AddMonths(9))}");

        // Seed money without its project: refused beside the field; then with it, charged to the township's line.
        var support = portal.Page.GetByTestId("support-form");
        await portal.Page.Locator("#support-kind").SelectOptionAsync("seed-money");
        await portal.Page.Locator("#support-on").FillAsync(Day(today.AddMonths(-2)));
        await portal.Page.Locator("#support-description").FillAsync("项目启动资金");
        await portal.Page.Locator("#support-amount").FillAsync("12000");
        await support.GetByRole(AriaRole.Button, new() { Name = "登记支持" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#support-project-error")).ToHaveTextAsync("种子资金须写明预算年度和资金来源的购买项目编码。");
        await Assertions.Expect(portal.Page.Locator("#support-township")).ToHaveValueAsync(Foziling);
        await portal.AssertAccessibleAsync();
        await portal.Page.Locator("#support-project").FillAsync(project);
        await support.GetByRole(AriaRole.Button, new() { Name = "登记支持" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("incubation-done")).ToContainTextAsync("支持已登记");
        var row = portal.Page.Locator("[data-testid=incubation-supports] tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal(["种子资金", "项目启动资金", Day(today.AddMonths(-2)), "12,000.00", $"{Budgets.Year} · {project} · 佛子岭镇"], cells.Take(5));
        Assert.StartsWith("incubation-", cells[5], StringComparison.Ordinal);
        await MessagingHost.EventuallyAsync(async () => await Budgets.CommittedAsync(finance, project) == 12_000m, "Funding reserved the seed money");

        // A milestone planned and reached; the end assessment passes.
        await portal.Page.Locator("#milestone-title").FillAsync("完成民政登记注册");
        await portal.Page.Locator("#milestone-due").FillAsync(Day(today.AddMonths(-1)));
        await portal.Page.GetByTestId("milestone-form").GetByRole(AriaRole.Button, new() { Name = "设定里程碑" }).ClickAsync();
        var milestone = portal.Page.Locator("[data-testid=incubation-milestones] tbody tr");
        await Assertions.Expect(milestone).ToHaveCountAsync(1);
        await milestone.GetByRole(AriaRole.Button, new() { Name = "登记达成" }).ClickAsync();
        await Assertions.Expect(milestone.Locator("td").Nth(2)).ToHaveTextAsync(Day(today));

        await portal.Page.Locator("#assessment-score").FillAsync("101");
        await portal.Page.GetByTestId("assessment-form").GetByRole(AriaRole.Button, new() { Name = "出壳评估" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#assessment-score-error")).ToHaveTextAsync("评估得分应为 0–100。");
        await portal.Page.Locator("#assessment-score").FillAsync("82");
        await portal.Page.Locator("#assessment-note").FillAsync("运营规范，具备承接能力");
        await portal.Page.GetByTestId("assessment-form").GetByRole(AriaRole.Button, new() { Name = "出壳评估" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("incubation-assessment")).ToContainTextAsync("82（通过）");

        // Graduation asks for the credit code it registered with meanwhile; then it is an application in the registry.
        await portal.Page.GetByTestId("graduate-form").GetByRole(AriaRole.Button, new() { Name = "出壳入库" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#graduate-credit-code-error")).ToContainTextAsync("统一社会信用代码");
        await portal.Page.Locator("#graduate-credit-code").FillAsync(Providers.NewCreditCode());
        await portal.Page.GetByTestId("graduate-form").GetByRole(AriaRole.Button, new() { Name = "出壳入库" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("incubation-stage")).ToHaveTextAsync("已出壳");
        await Assertions.Expect(portal.Page.GetByTestId("incubation-provider")).ToBeVisibleAsync();
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-incubation");

        var saved = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/incubations/{id}");
        var provider = saved.GetProperty("incubation").GetProperty("providerId").GetGuid();
        Assert.Equal(name, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}")).GetProperty("provider").GetProperty("name").GetString());

        // The hub's list shows it in its stage, with its milestones and seed money.
        await portal.OpenAsync("/incubations");
        var listed = portal.Page.Locator($"tr[data-incubation='{id}']");
        await Assertions.Expect(portal.Page.GetByTestId($"incubation-stage-{id}")).ToHaveTextAsync("已出壳");
        var listedCells = (await listed.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal([name, "社会组织", "佛子岭镇", "已出壳", "1 / 1", "12,000.00"], new[] { listedCells[0], listedCells[1], listedCells[3], listedCells[4], listedCells[6], listedCells[7] });
        await portal.AssertAccessibleAsync();
        await context.DisposeAsync();
    }
}
