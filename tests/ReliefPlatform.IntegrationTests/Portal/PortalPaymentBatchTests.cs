using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Several statements paid together from the statements list, in Debian's Chromium through the gateway: finance ticks two
/// approved statements of two providers and records one payment batch under one voucher (the API's messages beside the
/// fields first) — the batch's total is the statements' payable sum, both statements show paid. A county administrator who
/// had ticked one of them on a list loaded before is refused paying it in a second batch, beside that statement.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalPaymentBatchTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Two_approved_statements_are_paid_in_one_batch_for_their_sum_and_neither_can_be_paid_in_another()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var adminApi = await County.ClientForAsync("county-admin");
        var demoProvider = await County.ClientForAsync("provider-demo");
        var township = await County.ClientForAsync("township-foziling");
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var project = $"PB-{Guid.NewGuid():N}"[..12];
        var other = $"batch-{Guid.NewGuid():N}"[..20];
        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(County, project, Foziling, "daily-care");
        var demoContract = await ProviderPaymentTests.AwardAsync(finance, project, DemoCounty.ProviderId);
        var otherContract = await ProviderPaymentTests.AwardAsync(finance, project, other);

        // Three clean services confirmed this month: one by the demo provider (10.00), two by the other (20.00).
        var first = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "201");
        var second = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "202");
        var orders = new[]
        {
            await ProviderPaymentTests.DeliverCleanAsync(caseworker, demoProvider, first, DemoCounty.ProviderId, project),
            await ProviderPaymentTests.DeliverCleanAsync(caseworker, caseworker, first, other, project),
            await ProviderPaymentTests.DeliverCleanAsync(caseworker, caseworker, second, other, project),
        };
        foreach (var order in orders)
        {
            Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);
        }

        await MessagingHost.EventuallyAsync(async () => (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}"))
                .GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == project && r.GetProperty("servicesConfirmed").GetInt32() == 3),
            "Funding heard the three confirmations");
        var demoStatement = await DrawAndApproveAsync(finance, adminApi, DemoCounty.ProviderId, demoContract, month);
        var otherStatement = await DrawAndApproveAsync(finance, adminApi, other, otherContract, month);
        var payables = new Dictionary<Guid, decimal>();
        foreach (var id in new[] { demoStatement, otherStatement })
        {
            payables[id] = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{id}")).GetProperty("payable").GetDecimal();
        }

        Assert.Equal((10.00m, 20.00m), (payables[demoStatement], payables[otherStatement]));

        // The county administrator's list, loaded now, with the demo provider's statement ticked: it will be stale.
        var (adminContext, admin) = await OpenAsync();
        await admin.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await admin.OpenAsync($"/statements?month={month}&status=Approved");
        await admin.Page.Locator($"[data-testid=statements] tr[data-statement='{demoStatement}'] input[type=checkbox]").CheckAsync();
        await Assertions.Expect(admin.Page.GetByTestId("batch-summary")).ToHaveTextAsync("已选 1 张，合计 10.00 元。");

        var (financeContext, office) = await OpenAsync();
        await office.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await office.OpenAsync($"/statements?month={month}&status=Approved");
        var form = office.Page.GetByTestId("batch-form");

        // Nothing picked and no voucher: nothing paid, the API's messages beside the list and the voucher.
        await form.GetByRole(AriaRole.Button, new() { Name = "合并登记拨付" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("batch-payments-error")).ToHaveTextAsync("请列出本批拨付的结算单（1–200 张）。");
        await Assertions.Expect(office.Page.Locator("#batch-voucher-error")).ToHaveTextAsync("请填写记账凭证号（不超过 40 字符）。");

        foreach (var id in payables.Keys)
        {
            await office.Page.Locator($"[data-testid=statements] tr[data-statement='{id}'] input[type=checkbox]").CheckAsync();
        }

        await Assertions.Expect(office.Page.GetByTestId("batch-summary")).ToHaveTextAsync("已选 2 张，合计 30.00 元。");
        await office.AssertAccessibleAsync();
        var voucher = $"PZ-{Guid.NewGuid():N}"[..14];
        await office.Page.Locator("#batch-voucher").FillAsync(voucher);
        await form.GetByRole(AriaRole.Button, new() { Name = "合并登记拨付" }).ClickAsync();
        var done = office.Page.GetByTestId("batch-done");
        await Assertions.Expect(done).ToHaveTextAsync($"已登记拨付：2 张结算单，合计 30.00 元，凭证号 {voucher}。");
        await office.ScreenshotAsync("portal-payment-batch");

        // One batch whose total is the statements' payable sum, paying exactly those two; both paid under its voucher.
        var batchId = Guid.Parse((await done.GetAttributeAsync("data-batch"))!);
        var batch = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/payment-batches/{batchId}");
        Assert.Equal(payables.Values.Sum(), batch.GetProperty("total").GetDecimal());
        Assert.Equal(payables.Keys.Order(), batch.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("statementId").GetGuid()).Order());
        Assert.All(batch.GetProperty("payments").EnumerateArray(), p => Assert.Equal(payables[p.GetProperty("statementId").GetGuid()], p.GetProperty("amount").GetDecimal()));
        await office.OpenAsync($"/statements?month={month}");
        foreach (var id in payables.Keys)
        {
            var row = office.Page.Locator($"[data-testid=statements] tr[data-statement='{id}']");
            await Assertions.Expect(row).ToContainTextAsync("已拨付");
            await Assertions.Expect(row).ToContainTextAsync(voucher);
            await Assertions.Expect(row.Locator("input[type=checkbox]")).ToHaveCountAsync(0);
        }

        await financeContext.DisposeAsync();

        // The administrator's stale list: paying the ticked statement again is refused beside it; it stays in the first batch.
        await admin.Page.Locator("#batch-voucher").FillAsync($"PZ-{Guid.NewGuid():N}"[..14]);
        await admin.Page.GetByTestId("batch-form").GetByRole(AriaRole.Button, new() { Name = "合并登记拨付" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator($"[data-testid=statements] tr[data-statement='{demoStatement}'] [data-testid=statement-error]"))
            .ToHaveTextAsync("该结算单已拨付。");
        await Assertions.Expect(admin.Page.GetByTestId("batch-done")).ToHaveCountAsync(0);
        await admin.AssertAccessibleAsync();
        await adminContext.DisposeAsync();
        var paid = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{demoStatement}");
        Assert.Equal(("Paid", voucher), (paid.GetProperty("status").GetString(), paid.GetProperty("voucherNumber").GetString()));
        Assert.Equal(30.00m, (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("spent").GetDecimal());
    }

    /// <summary>Drawn up by finance, approved by the county administrator (a second person); its id.</summary>
    private static async Task<Guid> DrawAndApproveAsync(HttpClient finance, HttpClient admin, string provider, Guid contract, string month)
    {
        var drawn = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = provider, contractId = contract, month });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var id = (await drawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/statements/{id}/approve", null)).StatusCode);
        return id;
    }
}
