using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Townships;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A supervisor's screens, in Debian's Chromium through the gateway: the service records flagged for supervision with
/// why in words and the record itself, and a service's audit log filtered to one subject with its hash chain's check.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalSupervisionTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_supervisor_reads_a_flagged_service_record_and_a_projects_audit_trail_with_the_chain_checked()
    {
        // A service delivered with a record that has no evidence: Delivery flags it.
        var project = await DeliveredOrders.FundAsync(County, Foziling);
        var household = await Assessments.RegisterKnownToDeliveryAsync(await County.ClientForAsync("caseworker"), Foziling, "204");
        var order = (await DeliveredOrders.DeliverAsync(County, project, [household])).Single();
        var supervisor = await County.ClientForAsync("supervisor");
        var flags = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("no-evidence", flags);

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "服务监管" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/supervision"));
        await portal.WaitForCircuitAsync();
        await portal.Page.GetByLabel("存疑类型").SelectOptionAsync("no-evidence");
        await Assertions.Expect(portal.Page.GetByTestId("flagged-count")).ToContainTextAsync("条存疑记录");
        // The newest first: this test's record is on the first page.
        var row = portal.Page.Locator($"[data-testid=flagged-records] tr[data-order='{order}']");
        await Assertions.Expect(row.GetByTestId("record-flags")).ToContainTextAsync("无佐证材料");
        await row.Locator("summary").ClickAsync();
        await Assertions.Expect(row.Locator("dl")).ToContainTextAsync("协助起居");
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-supervision");

        // The record's order page names the flags in words too.
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/work-orders/{order}"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.GetByTestId("order-flags")).ToContainTextAsync("无佐证材料");

        // A project initiated by a second person leaves its trail in Funding's audit log, and the chain holds.
        var code = $"PA-{Guid.NewGuid():N}"[..12];
        var id = await PurchaseProjects.InitiateAsync(County, code, Foziling);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/audit"));
        await portal.WaitForCircuitAsync();
        await portal.Page.GetByLabel("对象").FillAsync($"project:{id}");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("subject=project"));
        await portal.WaitForCircuitAsync();
        // Every entry the API holds for the project, each once; the approval among them.
        var held = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/audit?subject=project:{id}")).GetProperty("items").GetArrayLength();
        var entries = portal.Page.Locator("[data-testid=audit-entries] tbody tr");
        await Assertions.Expect(entries).ToHaveCountAsync(held);
        Assert.All(await entries.Locator("td:nth-child(5)").AllInnerTextsAsync(), subject => Assert.Equal($"project:{id}", subject));
        await Assertions.Expect(entries.Filter(new() { HasText = "project.stage" })).ToContainTextAsync($"code={code}");
        var verified = await supervisor.GetFromJsonAsync<JsonElement>("/api/funding/audit/verify");
        Assert.True(verified.GetProperty("intact").GetBoolean());
        await Assertions.Expect(portal.Page.GetByTestId("chain-check")).ToContainTextAsync("哈希链完整");
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-audit");
        await context.DisposeAsync();
    }
}
