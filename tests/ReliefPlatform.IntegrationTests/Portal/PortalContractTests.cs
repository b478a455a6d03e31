using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Purchase contracts on screens, in Debian's Chromium through the gateway: finance awards a contract under an initiated
/// project to an approved provider (the API's messages beside the fields first), the list shows it with its ceiling and
/// state and narrows to the provider and the item, and a caseworker reads contracts but is offered no award form.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalContractTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task Finance_awards_a_contract_with_the_apis_messages_beside_the_fields_and_the_list_shows_it()
    {
        var project = $"HS-{Guid.NewGuid():N}"[..12];
        var number = $"HSZC-{Guid.NewGuid():N}"[..16];
        var provider = await Providers.OnboardAsync(County, "elderly-care-organisation");
        await Budgets.AllocateAsync(County, project, Hengshan, 20_000m);
        await PurchaseProjects.InitiateAsync(County, project, Hengshan, "daily-care");
        var providerName = (await (await County.ClientForAsync("finance")).GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}"))
            .GetProperty("provider").GetProperty("name").GetString()!;

        var (financeContext, finance) = await OpenAsync();
        await finance.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await finance.Page.GetByRole(AriaRole.Link, new() { Name = "购买服务合同", Exact = true }).ClickAsync();
        await finance.Page.WaitForURLAsync(finance.Url("/contracts"));
        var form = finance.Page.GetByTestId("award-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(finance.Page.GetByTestId("contract-count")).ToBeVisibleAsync();

        // Nothing filled in: nothing recorded, the API's messages beside the fields.
        await form.GetByRole(AriaRole.Button, new() { Name = "登记合同" }).ClickAsync();
        await Assertions.Expect(finance.Page.Locator("#award-number-error")).ToHaveTextAsync("请填写合同编号（不超过 60 字符）。");
        await Assertions.Expect(finance.Page.Locator("#award-provider-error")).ToHaveTextAsync("请指定中标的服务主体。");
        await Assertions.Expect(finance.Page.Locator("#award-townships-error")).ToHaveTextAsync("请列出本县的服务乡镇。");
        await Assertions.Expect(finance.Page.Locator("#award-until-error")).ToHaveTextAsync("请填写合同期限，截止日期不能早于起始日期。");
        await Assertions.Expect(finance.Page.Locator("#award-item-0-error")).ToHaveTextAsync("请填写服务事项编码。");
        await finance.AssertAccessibleAsync();

        // Filled in, but a price the API refuses: the message beside the price.
        var year = Budgets.Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var until = new[] { new DateOnly(year, 12, 31), today.AddDays(90) }.Max();
        await finance.Page.Locator("#award-number").FillAsync(number);
        await finance.Page.Locator("#award-project").FillAsync(project);
        await finance.Page.Locator("#award-provider").SelectOptionAsync(provider.ToString());
        await form.GetByLabel("衡山镇").CheckAsync();
        await finance.Page.Locator("#award-from").FillAsync($"{year}-01-01");
        await finance.Page.Locator("#award-until").FillAsync(until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await finance.Page.Locator("#award-item-0").SelectOptionAsync("daily-care");
        await finance.Page.Locator("#award-price-0").FillAsync("0");
        await finance.Page.Locator("#award-cap-0").FillAsync("200");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记合同" }).ClickAsync();
        await Assertions.Expect(finance.Page.Locator("#award-price-0-error")).ToHaveTextAsync("金额必须大于 0。");
        await Assertions.Expect(finance.Page.Locator("#award-number-error")).ToBeEmptyAsync();

        await finance.Page.Locator("#award-price-0").FillAsync("60");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记合同" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("contract-done")).ToHaveTextAsync($"合同 {number} 已登记，上限金额 12,000.00 元。");

        // The list, narrowed to the provider and the item: the contract as the API keeps it.
        var awarded = (await (await County.ClientForAsync("finance")).GetFromJsonAsync<JsonElement>($"/api/funding/contracts?providerId={provider}"))
            .EnumerateArray().Single();
        Assert.Equal(12_000.00m, awarded.GetProperty("ceilingAmount").GetDecimal());
        await finance.OpenAsync($"/contracts?provider={provider}&item=daily-care&state=running");
        await Assertions.Expect(finance.Page.GetByTestId("contract-count")).ToHaveTextAsync("共 1 份合同");
        var row = finance.Page.Locator($"[data-testid=contracts] tr[data-contract='{number}']");
        await Assertions.Expect(row).ToContainTextAsync(providerName);
        await Assertions.Expect(row).ToContainTextAsync($"{year} · {project}");
        await Assertions.Expect(row).ToContainTextAsync("衡山镇");
        await Assertions.Expect(row).ToContainTextAsync("60.00 元 × 上限 200");
        await Assertions.Expect(row).ToContainTextAsync("12,000.00");
        await Assertions.Expect(row).ToContainTextAsync("履行中");
        await finance.OpenAsync($"/contracts?provider={provider}&state=ended");
        await Assertions.Expect(finance.Page.GetByTestId("contract-count")).ToHaveTextAsync("共 0 份合同");
        await finance.AssertAccessibleAsync();
        await finance.ScreenshotAsync("portal-contracts");
        await financeContext.DisposeAsync();

        // A caseworker reads contracts; awarding is finance's and the county administrators'.
        var (caseworkerContext, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.OpenAsync($"/contracts?provider={provider}");
        await Assertions.Expect(caseworker.Page.Locator($"[data-testid=contracts] tr[data-contract='{number}']")).ToContainTextAsync("履行中");
        await Assertions.Expect(caseworker.Page.GetByTestId("award-form")).ToHaveCountAsync(0);
        await caseworkerContext.DisposeAsync();
    }
}
