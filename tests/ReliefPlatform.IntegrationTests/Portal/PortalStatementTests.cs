using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Paying a provider on screens, in Debian's Chromium through the gateway: finance draws up the month's statement for a
/// contract, deducts from the flagged record with a reason (the API's messages beside the fields), cannot approve their own
/// statement, the county administrator approves it at another desk, and finance records the payment with its voucher — every
/// figure on the page the API's own, and the money spent on the budget line only then.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalStatementTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Finance_draws_a_providers_statement_deducts_a_flagged_record_and_pays_it_once_a_second_person_approved()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var provider = await County.ClientForAsync("provider-demo");
        var township = await County.ClientForAsync("township-foziling");
        var project = $"PS-{Guid.NewGuid():N}"[..12];
        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(County, project, Foziling, "daily-care");
        var contract = await ProviderPaymentTests.AwardAsync(finance, project, DemoCounty.ProviderId);
        var contractNumber = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/contracts/{contract}")).GetProperty("number").GetString()!;

        // Two services confirmed this month: one flagged (no evidence, no position), one clean.
        var first = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "206");
        var second = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "203");
        var flagged = (await DeliveredOrders.DeliverAsync(County, project, [first])).Single();
        var clean = await ProviderPaymentTests.DeliverCleanAsync(caseworker, provider, second, DemoCounty.ProviderId, project);
        foreach (var order in new[] { flagged, clean })
        {
            Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);
        }

        await MessagingHost.EventuallyAsync(async () => (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}"))
                .GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == project && r.GetProperty("servicesConfirmed").GetInt32() == 2),
            "Funding heard the two confirmations");

        var (financeContext, office) = await OpenAsync();
        await office.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await office.Page.GetByRole(AriaRole.Link, new() { Name = "结算与拨付" }).ClickAsync();
        await office.Page.WaitForURLAsync(office.Url("/statements"));
        await office.WaitForCircuitAsync();
        await office.Page.Locator("#draw-contract").SelectOptionAsync(contract.ToString());
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "编制结算单" }).ClickAsync();
        await office.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/statements/[0-9a-f-]{36}$"));
        await office.WaitForCircuitAsync();
        var id = Guid.Parse(office.Page.Url[^36..]);

        // The statement's figures are the API's: 20.00 in all, 10.00 payable, the flagged record held.
        var drawn = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{id}");
        Assert.Equal((contractNumber, 20.00m, 10.00m, 1), (drawn.GetProperty("contractNumber").GetString(), drawn.GetProperty("total").GetDecimal(),
            drawn.GetProperty("payable").GetDecimal(), drawn.GetProperty("held").GetInt32()));
        await Assertions.Expect(office.Page.GetByTestId("statement-total")).ToHaveTextAsync("20.00");
        await Assertions.Expect(office.Page.GetByTestId("statement-payable")).ToHaveTextAsync("10.00");
        await Assertions.Expect(office.Page.GetByTestId("statement-held")).ToHaveTextAsync("1");
        await Assertions.Expect(office.Page.GetByTestId("statement-facts")).ToContainTextAsync(contractNumber);
        var heldLine = office.Page.Locator($"[data-testid=statement-lines] tr[data-line='{flagged}']");
        await Assertions.Expect(heldLine).ToContainTextAsync("无佐证材料");
        await Assertions.Expect(heldLine).ToContainTextAsync("暂扣待审");
        await Assertions.Expect(office.Page.Locator($"[data-testid=statement-lines] tr[data-line='{clean}']")).ToContainTextAsync("正常");
        await office.AssertAccessibleAsync();

        // A deduction needs its reason: the message beside the field, nothing deducted.
        await office.Page.Locator("#review-amount").FillAsync("4");
        await heldLine.GetByRole(AriaRole.Button, new() { Name = "扣减" }).ClickAsync();
        await Assertions.Expect(office.Page.Locator("#review-reason-error")).ToHaveTextAsync("请写明扣减的理由（不超过500字）。");
        await office.Page.Locator("#review-reason").FillAsync("无服务照片和定位，按记录核减");
        await heldLine.GetByRole(AriaRole.Button, new() { Name = "扣减" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("statement-done")).ToHaveTextAsync("已扣减。");
        await Assertions.Expect(office.Page.GetByTestId("statement-payable")).ToHaveTextAsync("16.00");
        await Assertions.Expect(office.Page.GetByTestId("statement-deducted")).ToHaveTextAsync("4.00");
        await Assertions.Expect(heldLine).ToContainTextAsync("已扣减");
        await Assertions.Expect(heldLine).ToContainTextAsync("无服务照片和定位，按记录核减");
        await office.ScreenshotAsync("portal-statement");

        // The one who drew it up cannot approve it.
        await office.Page.GetByTestId("approve-form").GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("statement-problem")).ToHaveTextAsync("编制结算单的人不能审批自己的结算单，须由另一人审批。");

        // The county administrator, at another desk, approves it.
        var (adminContext, admin) = await OpenAsync();
        await admin.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await admin.OpenAsync($"/statements/{id}");
        await admin.Page.GetByTestId("approve-form").GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("statement-status")).ToHaveTextAsync("已审批，待拨付");
        await adminContext.DisposeAsync();

        // Finance records the payment: a voucher number is required; then the statement is paid and the line spent.
        await office.OpenAsync($"/statements/{id}");
        await Assertions.Expect(office.Page.Locator("#pay-amount")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^16(\\.0+)?$"));
        await office.Page.GetByTestId("pay-form").GetByRole(AriaRole.Button, new() { Name = "登记拨付" }).ClickAsync();
        await Assertions.Expect(office.Page.Locator("#voucher-error")).ToHaveTextAsync("请填写记账凭证号（不超过 40 字符）。");
        var voucher = $"PZ-{Guid.NewGuid():N}"[..14];
        await office.Page.Locator("#voucher").FillAsync(voucher);
        await office.Page.GetByTestId("pay-form").GetByRole(AriaRole.Button, new() { Name = "登记拨付" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("statement-status")).ToHaveTextAsync("已拨付");
        await Assertions.Expect(office.Page.GetByTestId("statement-voucher")).ToHaveTextAsync(voucher);
        await office.AssertAccessibleAsync();

        var paid = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{id}");
        Assert.Equal(("Paid", voucher, 16.00m), (paid.GetProperty("status").GetString(), paid.GetProperty("voucherNumber").GetString(), paid.GetProperty("payable").GetDecimal()));
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        Assert.Equal(16.00m, line.GetProperty("spent").GetDecimal());

        // The list shows it paid, with its voucher, for the month.
        var month = drawn.GetProperty("month").GetString()!;
        await office.OpenAsync($"/statements?month={month}");
        var row = office.Page.Locator($"[data-testid=statements] tr[data-statement='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("已拨付");
        await Assertions.Expect(row).ToContainTextAsync(voucher);
        await Assertions.Expect(row).ToContainTextAsync("16.00");
        await financeContext.DisposeAsync();
    }
}
