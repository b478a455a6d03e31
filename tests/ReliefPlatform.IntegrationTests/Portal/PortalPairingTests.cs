using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// 对口结对 on screens, in Debian's Chromium through the gateway: on a household's page the caseworker pairs a cadre (the
/// API's messages beside the empty form's fields first; the name shown masked afterwards) and an organisation, is refused a
/// second cadre for the same period beside the start date, changes the cadre's visits a month, records a visit and ends
/// the pairing with a reason — every figure the API's own. The organisation's page lists its household; a supervisor
/// reads without forms.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalPairingTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_household_is_paired_its_visits_changed_and_recorded_and_the_pairing_ended_on_screens()
    {
        const string cadre = "张建国";
        var caseworkerApi = await County.ClientForAsync("caseworker");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var household = await Assessments.RegisterAsync(caseworkerApi, Foziling, "205", People.Member("钱小梅", People.IdNumber(71)));
        var organisation = await Providers.OnboardAsync(County, "social-work-organisation");
        var organisationName = (await caseworkerApi.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{organisation}")).GetProperty("provider").GetProperty("name").GetString()!;

        var (context, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.OpenAsync($"/households/{household}");
        var panel = caseworker.Page.GetByTestId("pairings");
        await Assertions.Expect(panel).ToContainTextAsync("没有结对。");
        var form = caseworker.Page.GetByTestId("pairing-form");

        // Nothing chosen: nothing paired, each of the API's messages beside its field.
        await form.GetByRole(AriaRole.Button, new() { Name = "新增结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#pairing-kind-error")).ToContainTextAsync("结对人类型应为");
        await Assertions.Expect(caseworker.Page.Locator("#pairing-visits-error")).ToHaveTextAsync("每月走访次数为 1–31 次。");
        await Assertions.Expect(caseworker.Page.Locator("#pairing-from-error")).ToHaveTextAsync("请填写结对开始日期。");
        await caseworker.AssertAccessibleAsync();

        await caseworker.Page.Locator("#pairing-kind").SelectOptionAsync("Cadre");
        await caseworker.Page.Locator("#pairing-name").FillAsync(cadre);
        await caseworker.Page.Locator("#pairing-visits").FillAsync("2");
        await caseworker.Page.Locator("#pairing-from").FillAsync(today);
        await form.GetByRole(AriaRole.Button, new() { Name = "新增结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pairing-done")).ToHaveTextAsync("已新增结对：干部 张**。");
        var rows = caseworker.Page.Locator("[data-testid=pairing-list] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.DoesNotContain(cadre, await caseworker.MainAsync(), StringComparison.Ordinal);

        // A second cadre for the same period is refused beside the start date; the organisation is paired.
        await caseworker.Page.Locator("#pairing-kind").SelectOptionAsync("Cadre");
        await caseworker.Page.Locator("#pairing-name").FillAsync("李卫东");
        await caseworker.Page.Locator("#pairing-visits").FillAsync("1");
        await caseworker.Page.Locator("#pairing-from").FillAsync(today);
        await form.GetByRole(AriaRole.Button, new() { Name = "新增结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#pairing-from-error")).ToContainTextAsync("结对期间不能重叠");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await caseworker.Page.Locator("#pairing-kind").SelectOptionAsync("Organisation");
        await caseworker.Page.Locator("#pairing-pairer").SelectOptionAsync(organisation.ToString());
        await form.GetByRole(AriaRole.Button, new() { Name = "新增结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pairing-done")).ToHaveTextAsync($"已新增结对：组织 {organisationName}。");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // The cadre's pairing: visits a month changed, a visit recorded, then ended with its reason.
        var cadreRow = rows.Filter(new() { HasText = "张**" });
        await cadreRow.GetByRole(AriaRole.Button).ClickAsync();
        var detail = caseworker.Page.GetByTestId("pairing-detail");
        await Assertions.Expect(detail).ToContainTextAsync("尚无走访记录。");
        await caseworker.Page.Locator("#pairing-change-visits").FillAsync("40");
        await detail.GetByRole(AriaRole.Button, new() { Name = "修改走访次数" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#pairing-change-visits-error")).ToHaveTextAsync("每月走访次数为 1–31 次。");
        await caseworker.Page.Locator("#pairing-change-visits").FillAsync("4");
        await detail.GetByRole(AriaRole.Button, new() { Name = "修改走访次数" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pairing-done")).ToHaveTextAsync("已修改 张** 的走访次数：每月 4 次。");
        await Assertions.Expect(cadreRow.GetByTestId("pairing-visits-per-month")).ToHaveTextAsync("4");

        await caseworker.Page.Locator("#pairing-visited-on").FillAsync(today);
        await detail.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#pairing-summary-error")).ToHaveTextAsync("请简要记录走访情况（不超过 500 字）。");
        await caseworker.Page.Locator("#pairing-summary").FillAsync("入户了解生活情况，帮助联系助餐");
        await detail.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pairing-done")).ToHaveTextAsync($"已记录 {today} 的走访。");
        await Assertions.Expect(detail.Locator("[data-testid=pairing-visit-list] tbody tr")).ToHaveCountAsync(1);

        await detail.GetByRole(AriaRole.Button, new() { Name = "结束结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#pairing-end-on-error")).ToContainTextAsync("写明原因");
        await caseworker.Page.Locator("#pairing-end-on").FillAsync(today);
        await caseworker.Page.Locator("#pairing-end-reason").FillAsync("干部岗位调整");
        await detail.GetByRole(AriaRole.Button, new() { Name = "结束结对" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("pairing-done")).ToHaveTextAsync($"已结束与 张** 的结对（{today}）。");
        await Assertions.Expect(detail.GetByTestId("pairing-end-reason")).ToContainTextAsync("干部岗位调整");
        await Assertions.Expect(detail.GetByTestId("pairing-change-form")).ToHaveCountAsync(0);
        await caseworker.AssertAccessibleAsync();
        await caseworker.ScreenshotAsync("portal-pairings");

        // The figures are the API's.
        var pairings = (await caseworkerApi.GetFromJsonAsync<JsonElement>($"/api/provider/pairings?householdId={household}")).EnumerateArray().ToList();
        Assert.Equal(2, pairings.Count);
        var cadrePairing = pairings.Single(p => p.GetProperty("pairerKind").GetString() == "Cadre");
        Assert.Equal("张**", cadrePairing.GetProperty("pairerName").GetString());
        Assert.Equal(4, cadrePairing.GetProperty("visitsPerMonth").GetInt32());
        Assert.Equal(today, cadrePairing.GetProperty("until").GetString());
        Assert.Equal("干部岗位调整", cadrePairing.GetProperty("endReason").GetString());
        Assert.Equal(1, cadrePairing.GetProperty("visits").GetArrayLength());

        // The organisation's page lists the household it is paired with.
        await caseworker.OpenAsync($"/providers/{organisation}");
        var paired = caseworker.Page.Locator("[data-testid=pairing-list] tbody tr");
        await Assertions.Expect(paired).ToHaveCountAsync(1);
        await Assertions.Expect(paired.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/households/{household}");
        await Assertions.Expect(paired).ToContainTextAsync("结对中");
        await context.DisposeAsync();

        // A supervisor reads the pairings without forms.
        var (supervisorContext, supervisor) = await OpenAsync();
        await supervisor.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await supervisor.OpenAsync($"/households/{household}");
        await Assertions.Expect(supervisor.Page.Locator("[data-testid=pairing-list] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(supervisor.Page.GetByTestId("pairing-form")).ToHaveCountAsync(0);
        await supervisor.Page.Locator("[data-testid=pairing-list] tbody tr").Filter(new() { HasText = organisationName }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(supervisor.Page.GetByTestId("pairing-detail")).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.Page.GetByTestId("pairing-change-form")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.Page.GetByTestId("pairing-end-form")).ToHaveCountAsync(0);
        await supervisorContext.DisposeAsync();
    }
}
