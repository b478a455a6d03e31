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
/// A purchase project supervised on screens, in Debian's Chromium through the gateway: finance proposes each stage
/// with findings and documents, the county administrator (a second person, signed in elsewhere) approves or returns
/// it, the 验收 scoring form takes its satisfaction from the project's real confirmations, and the stage report prints
/// on A4.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalProjectTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Finance_takes_a_project_from_proposal_to_closing_with_the_county_administrator_approving_each_stage()
    {
        var code = $"PP-{Guid.NewGuid():N}"[..12];
        var id = await PurchaseProjects.ProposeAsync(County, code, Foziling);
        await Budgets.AllocateAsync(County, code, Foziling, 100_000.00m);
        var admin = await County.ClientForAsync("county-admin");

        var (financeContext, finance) = await OpenAsync();
        await finance.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await finance.Page.GetByRole(AriaRole.Link, new() { Name = "购买服务项目" }).ClickAsync();
        await finance.Page.WaitForURLAsync(finance.Url("/projects"));
        await finance.WaitForCircuitAsync();
        var row = finance.Page.Locator($"[data-testid=projects] tr[data-project='{code}']");
        await Assertions.Expect(row).ToContainTextAsync("立项申请（待审批）");
        await Assertions.Expect(row).ToContainTextAsync("100,000.00");
        await finance.ScreenshotAsync("portal-projects");
        await finance.AssertAccessibleAsync();

        // The proposer cannot approve their own proposal: the API's reason is on the page, the project has not moved.
        await row.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await finance.Page.WaitForURLAsync(finance.Url($"/projects/{id}"));
        await finance.WaitForCircuitAsync();
        await Assertions.Expect(finance.Page.GetByTestId("project-stage")).ToHaveTextAsync("立项申请");
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("project-problem")).ToHaveTextAsync("提出申请的人不能审批自己的申请，须由另一人审批。");
        Assert.Equal("Proposed", await StageAsync(admin, id));

        // The county administrator, at another desk, approves it: 立项.
        var (adminContext, office) = await OpenAsync();
        await office.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await office.OpenAsync($"/projects/{id}");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("project-stage")).ToHaveTextAsync("立项");
        Assert.Equal("Initiated", await StageAsync(admin, id));

        // A contract under the project, then 中期评估: without findings the API's message is beside the field.
        await AwardAsync(await County.ClientForAsync("finance"), code);
        await finance.OpenAsync($"/projects/{id}");
        await Assertions.Expect(finance.Page.Locator("#next-stage")).ToHaveValueAsync("MidTermReviewed");
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(finance.Page.Locator("#findings-error")).ToHaveTextAsync("请填写评估或审查意见（不超过2000字）。");
        await Assertions.Expect(finance.Page.Locator("#documents-error")).ToContainTextAsync("请列出所依据的文件");
        await finance.AssertAccessibleAsync();
        await ProposeAsync(finance, "服务量达到计划的一半", "霍民〔2026〕30号 中期评估报告");

        // Returned with a reason (none first: the API asks for one), proposed again, approved.
        await office.OpenAsync($"/projects/{id}");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Assertions.Expect(office.Page.Locator("#return-reason-error")).ToHaveTextAsync("请填写退回原因（不超过500字）。");
        await office.Page.GetByLabel("退回原因").FillAsync("缺少服务台账抽查记录");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("project-done")).ToHaveTextAsync("申请已退回。");
        await Assertions.Expect(office.Page.Locator("[data-testid=project-history] li[data-status=Returned]")).ToContainTextAsync("缺少服务台账抽查记录");
        await finance.OpenAsync($"/projects/{id}");
        await ProposeAsync(finance, "服务量达到计划的一半，已补抽查记录", "霍民〔2026〕30号 中期评估报告\n服务台账抽查记录");
        await ApproveAsync(office, id, "中期评估");

        // A service under the project, confirmed with a 5: the acceptance's satisfaction criterion earns all 30 points.
        var household = await Assessments.RegisterKnownToDeliveryAsync(await County.ClientForAsync("caseworker"), Foziling, "203");
        var order = (await DeliveredOrders.DeliverAsync(County, code, [household])).Single();
        Assert.Equal(HttpStatusCode.OK, (await (await County.ClientForAsync("township-foziling")).PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}")).GetProperty("figures").GetProperty("servicesConfirmed").GetInt32() == 1,
            "the confirmation reached the project's figures");

        await finance.OpenAsync($"/projects/{id}");
        await Assertions.Expect(finance.Page.GetByTestId("figure-confirmed")).ToHaveTextAsync("1");
        await Assertions.Expect(finance.Page.GetByTestId("figure-satisfied")).ToHaveTextAsync("100%");
        await Assertions.Expect(finance.Page.Locator("#next-stage")).ToHaveValueAsync("Accepted");
        await Assertions.Expect(finance.Page.GetByTestId("score-satisfaction")).ToHaveTextAsync("30");
        await finance.Page.GetByLabel("服务完成情况（0–30）").FillAsync("27");
        await finance.Page.GetByLabel("资金使用（0–20）").FillAsync("18");
        await finance.Page.GetByLabel("档案资料（0–20）").FillAsync("17");
        await Assertions.Expect(finance.Page.GetByTestId("score-total")).ToHaveTextAsync("合计：92 分");
        await finance.AssertAccessibleAsync();
        await ProposeAsync(finance, "服务完成率 95%，资料齐全", "验收评分表");
        await ApproveAsync(office, id, "验收");
        await Assertions.Expect(office.Page.GetByTestId("project-outcome")).ToHaveTextAsync("（验收合格）");
        var accepted = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}");
        var scores = accepted.GetProperty("history").EnumerateArray().Last().GetProperty("scores");
        Assert.Equal((27, 30, 18, 17), (scores.GetProperty("completion").GetInt32(), scores.GetProperty("satisfaction").GetInt32(),
            scores.GetProperty("funds").GetInt32(), scores.GetProperty("records").GetInt32()));
        await office.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await office.ScreenshotAsync("portal-project");

        // The stage report on paper: A4 upright, the project and its stages without the menu or the forms.
        await finance.OpenAsync($"/projects/{id}");
        await finance.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(finance.Page.GetByTestId("print-heading")).ToContainTextAsync("阶段报告");
        await Assertions.Expect(finance.Page.Locator(".ant-layout-sider")).ToBeHiddenAsync();
        await Assertions.Expect(finance.Page.GetByTestId("stage-proposal")).ToBeHiddenAsync();
        await Assertions.Expect(finance.Page.GetByTestId("project-history")).ToContainTextAsync("合计 92 分（验收合格）");
        var pdf = System.Text.Encoding.Latin1.GetString(await finance.Page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
        Assert.True(box.Success, "the PDF names its page size");
        // A4 upright is 210 × 297 mm: 595 × 842 points.
        Assert.InRange(double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), 593, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture), 840, 844);
        await finance.Page.EmulateMediaAsync(new() { Media = Media.Screen });

        await ProposeAsync(finance, "资料归档", "结项报告");
        await ApproveAsync(office, id, "结项");
        var closed = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}");
        Assert.Equal(("Closed", "Pass"), (closed.GetProperty("stage").GetString(), closed.GetProperty("outcome").GetString()));
        Assert.Equal(["Approved", "Returned", "Approved", "Approved", "Approved"],
            closed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        await adminContext.DisposeAsync();
        await financeContext.DisposeAsync();
    }

    [Fact]
    public async Task A_supervisor_reads_projects_but_is_offered_no_form_to_change_them()
    {
        var code = $"PS-{Guid.NewGuid():N}"[..12];
        var id = await PurchaseProjects.InitiateAsync(County, code, Foziling);

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("supervisor", CountyAppFixture.DemoPassword);
        await portal.OpenAsync($"/projects/{id}");
        await Assertions.Expect(portal.Page.GetByTestId("project-stage")).ToHaveTextAsync("立项");
        Assert.Equal(0, await portal.Page.GetByTestId("stage-proposal").CountAsync());
        Assert.Equal(0, await portal.Page.GetByRole(AriaRole.Button, new() { Name = "批准" }).CountAsync());
        await portal.AssertAccessibleAsync();
        await context.DisposeAsync();

        // Township staff have no projects: no menu item, and the API's refusal on the page.
        var (other, staff) = await OpenAsync();
        await staff.SignInAsync("township-foziling", CountyAppFixture.DemoPassword);
        Assert.Equal(0, await staff.Page.GetByRole(AriaRole.Link, new() { Name = "购买服务项目" }).CountAsync());
        await staff.OpenAsync($"/projects/{id}");
        await Assertions.Expect(staff.Page.Locator("main")).ToContainTextAsync("无权访问");
        await other.DisposeAsync();
    }

    private static async Task ProposeAsync(PortalPages finance, string findings, string documents)
    {
        await finance.Page.GetByLabel("评估或审查意见").FillAsync(findings);
        await finance.Page.GetByLabel("依据文件（每行一份）").FillAsync(documents);
        await finance.Page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("project-done")).ToHaveTextAsync("申请已提交，等待另一人审批。");
    }

    private static async Task ApproveAsync(PortalPages office, Guid id, string stage)
    {
        await office.OpenAsync($"/projects/{id}");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("project-stage")).ToHaveTextAsync(stage);
    }

    private static async Task<string?> StageAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}")).GetProperty("stage").GetString();

    private static async Task AwardAsync(HttpClient finance, string code)
    {
        var year = Budgets.Year;
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"PC-{Guid.NewGuid():N}"[..16], year, projectCode = code, providerId = DemoCounty.ProviderId, townships = new[] { Foziling },
            from = $"{year}-01-01", until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = 60.00m, quantityCap = 1000 } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);
    }
}
