using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Finance's month on screens, in Debian's Chromium through the gateway: a budget allocated on a form (the API's
/// messages beside its fields) and approved by a second person only, and a donation recorded with its receipt printed
/// from the portal on one A5 sheet, the amount in capital numerals.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalFundingTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Finance_proposes_a_budget_that_only_a_second_person_approves_and_prints_a_donations_receipt()
    {
        var project = $"PB-{Guid.NewGuid():N}"[..12];
        var (financeContext, finance) = await OpenAsync();
        await finance.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await finance.Page.GetByRole(AriaRole.Link, new() { Name = "预算管理" }).ClickAsync();
        await finance.Page.WaitForURLAsync(finance.Url("/budgets"));
        await finance.WaitForCircuitAsync();

        // Nothing filled in: nothing proposed, each message beside its field.
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "提交预算申请" }).ClickAsync();
        await Assertions.Expect(finance.Page.Locator("#allocation-reason-error")).ToHaveTextAsync("请写明依据或理由（不超过 1000 字）。");
        await Assertions.Expect(finance.Page.Locator("#source-error")).ToContainTextAsync("资金来源应为");
        await finance.AssertAccessibleAsync();

        await finance.Page.GetByLabel("资金来源").SelectOptionAsync("fiscal-budget");
        await finance.Page.Locator("#allocation-project").FillAsync(project);
        await finance.Page.Locator("#allocation-township").SelectOptionAsync(Foziling);
        await finance.Page.Locator("#allocation-amount").FillAsync("5000");
        await finance.Page.Locator("#allocation-reason").FillAsync("霍财社〔2026〕8号 下达");
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "提交预算申请" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("budget-done")).ToHaveTextAsync("预算申请已提交，等待另一人审批。");
        var admin = await County.ClientForAsync("county-admin");
        var pending = (await admin.GetFromJsonAsync<JsonElement>("/api/funding/allocations?status=Proposed")).EnumerateArray()
            .Single(a => a.GetProperty("target").GetProperty("projectCode").GetString() == project);
        var id = pending.GetProperty("id").GetGuid();
        Assert.Equal(5000.00m, pending.GetProperty("amount").GetDecimal());

        // The proposer's own approval is refused, with the API's reason.
        var mine = finance.Page.Locator($"[data-testid=pending-allocations] tr[data-allocation='{id}']");
        await mine.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("budget-problem")).ToHaveTextAsync("提出申请的人不能审批自己的申请，须由另一人审批。");

        // The county administrator approves it: the line has the money.
        var (adminContext, office) = await OpenAsync();
        await office.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await office.OpenAsync("/budgets");
        await office.Page.Locator($"[data-testid=pending-allocations] tr[data-allocation='{id}']").GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("budget-done")).ToHaveTextAsync("已批准，资金已下达到预算科目。");
        await office.OpenAsync($"/budgets?project={project}");
        var line = office.Page.Locator($"[data-testid=budget-lines] tr[data-project='{project}']");
        await Assertions.Expect(line).ToContainTextAsync("5,000.00");
        await Assertions.Expect(line).ToContainTextAsync("佛子岭镇");
        await office.ScreenshotAsync("portal-budgets");
        await adminContext.DisposeAsync();

        // A donation, recorded and its receipt printed from the portal.
        await finance.Page.GetByRole(AriaRole.Link, new() { Name = "社会捐赠" }).ClickAsync();
        await finance.Page.WaitForURLAsync(finance.Url("/donations"));
        await finance.WaitForCircuitAsync();
        await finance.Page.GetByLabel("捐赠人或捐赠单位名称").FillAsync("霍山县爱心企业联合会");
        await finance.Page.Locator("#donation-amount").FillAsync("1234.50");
        await finance.Page.Locator("#donation-project").FillAsync(project);
        await finance.Page.Locator("#donation-township").SelectOptionAsync(Foziling);
        await finance.Page.GetByLabel("捐赠用途").FillAsync("困难老人助餐");
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "登记捐赠" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("donation-done")).ToContainTextAsync("已登记，收据号");
        var receiptNumber = (await finance.Page.GetByTestId("donation-done").InnerTextAsync()).Split("收据号 ")[1].TrimEnd('。');
        var row = finance.Page.Locator("[data-testid=donations] tr", new() { HasText = receiptNumber });
        await Assertions.Expect(row).ToContainTextAsync("壹仟贰佰叁拾肆元伍角");
        await finance.AssertAccessibleAsync();
        await finance.ScreenshotAsync("portal-donations");

        var href = await row.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        var receipt = await financeContext.NewPageAsync();
        var response = await receipt.GotoAsync(finance.Url(href!));
        Assert.NotNull(response);
        Assert.Contains("style-src", response.Headers["content-security-policy"], StringComparison.Ordinal);
        var text = await receipt.InnerTextAsync("body");
        Assert.Contains("人民币壹仟贰佰叁拾肆元伍角", text, StringComparison.Ordinal);
        Assert.Contains("霍山县爱心企业联合会", text, StringComparison.Ordinal);
        Assert.Contains(receiptNumber, text, StringComparison.Ordinal);
        var pdf = System.Text.Encoding.Latin1.GetString(await receipt.PdfAsync(new() { PreferCSSPageSize = true }));
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
        Assert.True(box.Success, "the PDF names its page size");
        // A5 across is 210 × 148 mm: 595 × 420 points.
        Assert.InRange(double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), 593, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture), 418, 422);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, "/Type /Page\\b"));
        await financeContext.DisposeAsync();
    }
}
