using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.EndToEnd;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The caseworker's screens past the lists, in Debian's Chromium through the gateway: recording an assessment on the
/// current instrument (the API's message beside each unanswered indicator, then the degree and types explained) and
/// working a service plan (why and why-not per item, add, change, remove, approve by a second person).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalCaseworkTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Hengshan = "341525100";
    private static readonly string[] DegreeCodes = ["General", "Serious", "Severe"];
    private static readonly string[] DegreeNames = ["一般", "较重", "严重"];
    private static readonly string[] DailyLiving = ["adl-eating", "adl-bathing", "adl-dressing", "adl-toileting", "adl-transfer", "adl-walking"];
    [Fact]
    public async Task A_caseworker_records_an_assessment_from_the_household_page_and_sees_the_degree_and_types_explained()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "201");
        var instrument = await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/instruments/current");
        var dimensions = instrument.GetProperty("dimensions").EnumerateArray().ToList();
        var indicators = dimensions.SelectMany(d => d.GetProperty("indicators").EnumerateArray()).ToList();

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync($"/households/{household}");
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "录入评估" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/households/{household}/assessments/new"));
        await portal.WaitForCircuitAsync();

        // The form asks what the instrument in force asks: its dimensions, each with its indicators.
        await Assertions.Expect(portal.Page.Locator("[data-testid^='dimension-']")).ToHaveCountAsync(dimensions.Count);
        var legends = await portal.Page.Locator("[data-testid^='dimension-'] > legend").AllInnerTextsAsync();
        Assert.Equal(dimensions.Count, legends.Count);
        Assert.All(dimensions.Zip(legends), d => Assert.StartsWith(d.First.GetProperty("name").GetString()!, d.Second, StringComparison.Ordinal));
        Assert.Equal(indicators.Count, await portal.Page.Locator("[data-testid^='indicator-']").CountAsync());
        await portal.AssertAccessibleAsync();

        // Only daily living answered: nothing is saved, and each unanswered indicator says so beside it, as the API words it.
        foreach (var code in DailyLiving)
        {
            await portal.Page.Locator($"[id='a-{code}-dependent']").CheckAsync();
        }

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "保存并评分" }).ClickAsync();
        var income = indicators.Single(i => i.GetProperty("code").GetString() == "income-level");
        await Assertions.Expect(portal.Page.Locator("[data-testid='indicator-income-level'] .portal-field-error"))
            .ToHaveTextAsync($"请回答“{income.GetProperty("name").GetString()}”。");
        await Assertions.Expect(portal.Page.Locator("[data-testid='indicator-adl-eating'] .portal-field-error")).ToBeEmptyAsync();
        Assert.Equal(0, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments")).GetArrayLength());
        await portal.ScreenshotAsync("portal-assessment-errors");

        // The rest at their first answer; the household asks for meals.
        foreach (var indicator in indicators.Where(i => !i.GetProperty("multiple").GetBoolean()))
        {
            var code = indicator.GetProperty("code").GetString()!;
            if (!DailyLiving.Contains(code))
            {
                await portal.Page.Locator($"[id='a-{code}-{indicator.GetProperty("options")[0].GetProperty("code").GetString()}']").CheckAsync();
            }
        }

        await portal.Page.Locator("[id='a-requested-services-meal']").CheckAsync();
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "保存并评分" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("assessment-degree")).ToBeVisibleAsync();

        // What the page concludes is the API's scoring, the types named as the instrument names them, each with its reason.
        var saved = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments"))[0];
        Assert.Equal("Draft", saved.GetProperty("status").GetString());
        Assert.Equal(saved.GetProperty("degreeName").GetString(), await portal.Page.InnerTextAsync("[data-testid=assessment-degree]"));
        var typeNames = saved.GetProperty("difficultyTypes").EnumerateArray()
            .Select(t => instrument.GetProperty("difficultyTypes").EnumerateArray().Single(r => r.GetProperty("code").GetString() == t.GetString()).GetProperty("name").GetString()!)
            .ToList();
        // Dependent in all six activities of daily living is 失能照护 by the instrument's rule.
        Assert.Contains("失能照护", typeNames);
        Assert.Equal(typeNames, await portal.Page.Locator("[data-testid=assessment-types] dt").AllInnerTextsAsync());
        Assert.All(await portal.Page.Locator("[data-testid=assessment-types] dd").AllInnerTextsAsync(), why => Assert.Contains("达到", why, StringComparison.Ordinal));
        Assert.Equal(
            saved.GetProperty("result").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!),
            await portal.Page.Locator("[data-testid=assessment-reasons] li").AllInnerTextsAsync());

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("assessment-status")).ToHaveTextAsync("待审批");
        Assert.Equal("Submitted", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{saved.GetProperty("id").GetGuid()}")).GetProperty("status").GetString());
        await portal.ScreenshotAsync("portal-assessment-result");
        await portal.AssertAccessibleAsync();
        await context.DisposeAsync();

        // The township's staff member finds it on the 工作台 — the tile counts the approval queue as the API does — opens
        // the queue, then the household, and approves it.
        var assessmentId = saved.GetProperty("id").GetGuid();
        var (second, staff) = await OpenAsync();
        await staff.SignInAsync("township-hengshan", CountyAppFixture.DemoPassword);
        await staff.OpenAsync("/");
        var staffApi = await County.ClientForAsync("township-hengshan");
        var queued = await staffApi.GetFromJsonAsync<JsonElement>("/api/assessment/assessments?status=Submitted&pageSize=1");
        Assert.Equal(queued.GetProperty("total").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            await staff.Page.InnerTextAsync("[data-testid=tile-assessments] .count"));
        await staff.Page.ClickAsync("[data-testid=tile-assessments]");
        await staff.Page.WaitForURLAsync(staff.Url("/assessments"));
        await staff.WaitForCircuitAsync();
        await staff.Page.Locator($"a[href='/households/{household}']").ClickAsync();
        await staff.Page.WaitForURLAsync(staff.Url($"/households/{household}"));
        await staff.WaitForCircuitAsync();
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).First.ClickAsync();
        await MessagingHost.EventuallyAsync(
            async () => (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{assessmentId}")).GetProperty("status").GetString() == "Approved",
            "the assessment approved by the township's staff member");
        // Approved, it leaves the queue.
        var after = await staffApi.GetFromJsonAsync<JsonElement>("/api/assessment/assessments?status=Submitted&pageSize=200");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == assessmentId);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_works_a_plan_with_why_and_why_not_and_a_second_person_approves_it()
    {
        var (household, planId) = await Plans.DraftedPlanAsync(County, "202");
        var caseworker = await County.ClientForAsync("caseworker");
        var plan = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{planId}");
        var lines = plan.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("included").GetBoolean()).ToList();
        var meals = lines.Single(l => l.GetProperty("itemCode").GetString() == "meal-assistance");
        var standard = meals.GetProperty("standardTimes").GetInt32();
        var removed = lines.First(l => l.GetProperty("itemCode").GetString() != "meal-assistance");
        var refused = plan.GetProperty("considered").EnumerateArray().First(i => !i.GetProperty("eligible").GetBoolean());
        var refusedCode = refused.GetProperty("code").GetString()!;

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync("/plans");
        // When it was drafted, on the county's clock (the API gives UTC; Beijing is 8 hours ahead).
        var drafted = plan.GetProperty("draftedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(portal.Page.Locator("tr", new() { Has = portal.Page.Locator($"a[href='/plans/{planId}']") })).ToContainTextAsync(drafted);
        await portal.Page.Locator($"a[href='/plans/{planId}']").ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/plans/{planId}"));
        await portal.WaitForCircuitAsync();

        // Why each line is in the plan, and why each item the household cannot have is not.
        await Assertions.Expect(portal.Page.GetByTestId("plan-status")).ToHaveTextAsync("草稿");
        foreach (var line in lines)
        {
            await Assertions.Expect(portal.Page.GetByTestId($"line-{line.GetProperty("itemCode").GetString()}")).ToContainTextAsync(line.GetProperty("reasons").GetString()!);
        }

        var unmet = refused.GetProperty("reasons").EnumerateArray().First(r => !r.GetProperty("met").GetBoolean()).GetProperty("explanation").GetString()!;
        await Assertions.Expect(portal.Page.GetByTestId($"why-not-{refusedCode}")).ToContainTextAsync(unmet);
        await portal.AssertAccessibleAsync();

        // Adding an item the household is not eligible for is refused beside the item, with the catalogue's reason.
        await portal.Page.GetByLabel("服务事项").SelectOptionAsync(refusedCode);
        await portal.Page.Locator("#add-reason").FillAsync("家属申请");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "加入计划" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("add-item-error")).ToContainTextAsync($"该家庭不符合“{refused.GetProperty("nameZh").GetString()}”的条件");
        await Assertions.Expect(portal.Page.GetByTestId("add-item-error")).ToContainTextAsync(unmet);

        // A frequency past the item's standard is refused beside the number; within it, it holds.
        await portal.Page.GetByTestId("line-meal-assistance").GetByRole(AriaRole.Button, new() { Name = "调整频次" }).ClickAsync();
        await portal.Page.Locator("#line-times").FillAsync((standard + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await portal.Page.Locator("#line-reason").FillAsync("子女周末在家做饭");
        await portal.Page.GetByTestId("line-edit").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#line-times-error")).ToContainTextAsync($"1–{standard} 次");
        await portal.Page.Locator("#line-times").FillAsync("5");
        await portal.Page.GetByTestId("line-edit").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("line-meal-assistance").GetByTestId("line-frequency")).ToContainTextAsync("5 次");
        Assert.Equal(5, Line(await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{planId}"), "meal-assistance").GetProperty("times").GetInt32());

        // Removing a line asks why; the line then shows among those left out, with the reason.
        var removedCode = removed.GetProperty("itemCode").GetString()!;
        await portal.Page.GetByTestId($"line-{removedCode}").GetByRole(AriaRole.Button, new() { Name = "移出计划" }).ClickAsync();
        await portal.Page.GetByTestId("line-edit").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#line-reason-error")).ToContainTextAsync("请说明原因");
        await portal.Page.Locator("#line-reason").FillAsync("家属暂不需要");
        await portal.Page.GetByTestId("line-edit").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId($"left-{removedCode}")).ToContainTextAsync("家属暂不需要");
        await Assertions.Expect(portal.Page.GetByTestId($"line-{removedCode}")).ToHaveCountAsync(0);
        await portal.ScreenshotAsync("portal-plan");

        // Who edited the plan cannot approve it.
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "审批通过" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("plan-message")).ToContainTextAsync("须由另一人审批");
        Assert.Equal("Draft", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{planId}")).GetProperty("status").GetString());
        await context.DisposeAsync();

        // The township's staff member finds it on the household page and approves it; matching follows at once.
        var (second, staff) = await OpenAsync();
        await staff.SignInAsync("township-hengshan", CountyAppFixture.DemoPassword);
        await staff.OpenAsync($"/households/{household}");
        await staff.Page.Locator($"a[href='/plans/{planId}']").ClickAsync();
        await staff.Page.WaitForURLAsync(staff.Url($"/plans/{planId}"));
        await staff.WaitForCircuitAsync();
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "审批通过" }).ClickAsync();
        await Assertions.Expect(staff.Page.GetByTestId("plan-status")).ToHaveTextAsync("已批准");

        // Each line shows what the matching did: its work order, or why no provider took it.
        var approved = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{planId}");
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        foreach (var line in approved.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("included").GetBoolean()))
        {
            var row = staff.Page.GetByTestId($"line-{line.GetProperty("itemCode").GetString()}");
            if (line.GetProperty("workOrderId").ValueKind == JsonValueKind.String)
            {
                await Assertions.Expect(row.Locator($"a[href='/work-orders/{line.GetProperty("workOrderId").GetGuid()}']")).ToBeVisibleAsync();
            }
            else
            {
                await Assertions.Expect(row).ToContainTextAsync(line.GetProperty("matchExplanation").GetString()!);
            }
        }

        await staff.AssertAccessibleAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_uploads_the_monitoring_file_watches_it_import_downloads_the_refused_rows_and_rolls_it_back()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var badCheck = People.IdNumber(41);
        badCheck = badCheck[..17] + (badCheck[17] == '1' ? '2' : '1');
        var csv = MonitoringFiles.Csv(
        [
            new(MonitoringFiles.NewRef(), People.IdNumber(79), "孙桂英", LivingAlone: "是"),
            new(MonitoringFiles.NewRef(), People.IdNumber(35), "钱国强", Income: "800"),
            new(MonitoringFiles.NewRef(), badCheck, "李四"),
            new(MonitoringFiles.NewRef(), People.IdNumber(33), "吴六", Income: "很多"),
        ]);

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "监测导入" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/imports"));
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("动态监测数据导入");
        await portal.WaitForCircuitAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#import-file-error")).ToHaveTextAsync("请选择要上传的文件。");
        await portal.Page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "monitoring-portal.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await portal.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/imports/[0-9a-f-]{36}$"));
        var id = Guid.Parse(new Uri(portal.Page.Url).Segments[^1]);

        // The page follows the import by itself to its end; its counts are the API's.
        await Assertions.Expect(portal.Page.GetByTestId("import-status")).ToHaveTextAsync("已完成");
        var job = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{id}");
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("rowsRejected").GetInt64());
        foreach (var (testId, field) in new[] { ("count-read", "linesRead"), ("count-accepted", "rowsValid"), ("count-refused", "rowsRejected"), ("count-alerts", "alertsRaised") })
        {
            await Assertions.Expect(portal.Page.GetByTestId(testId)).ToHaveTextAsync(job.GetProperty(field).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(portal.Page.Locator("#import-progress")).ToHaveAttributeAsync("value", "100");
        await portal.ScreenshotAsync("portal-import");
        await portal.AssertAccessibleAsync();

        // The refused rows, from a plain link: why each was refused, without the wrong ID number itself.
        var report = await File.ReadAllTextAsync(await (await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("errors-csv").ClickAsync())).PathAsync());
        Assert.Contains("公民身份号码校验码不正确", report, StringComparison.Ordinal);
        Assert.Contains("月人均收入应为不小于0的金额", report, StringComparison.Ordinal);
        Assert.DoesNotContain(badCheck, report, StringComparison.Ordinal);
        var xlsx = await File.ReadAllBytesAsync(await (await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("errors-xlsx").ClickAsync())).PathAsync());
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);

        // Rolled back: what it wrote is undone, and the page says what.
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "回滚导入" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("import-message")).ToContainTextAsync("已回滚");
        await Assertions.Expect(portal.Page.GetByTestId("import-status")).ToHaveTextAsync("已回滚");
        Assert.Equal("RolledBack", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{id}")).GetProperty("status").GetString());
        await context.DisposeAsync();
    }

    [Fact]
    public async Task The_workbench_draws_the_needs_charts_with_the_portals_own_ECharts_and_the_ledger_prints_on_A4_landscape()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        await Assessments.RegisterAsync(caseworker, Hengshan, "203");
        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        var summary = await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/ledger/summary");

        // Drawn again on a fresh load, every request recorded: the chart library comes from the portal itself, nothing from elsewhere.
        var origin = County.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var requested = new List<string>();
        portal.Page.Request += (_, request) => requested.Add(request.Url);
        await portal.OpenAsync("/");
        await Assertions.Expect(portal.Page.Locator("[data-testid=chart-types] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(portal.Page.Locator("[data-testid=chart-degrees] svg").First).ToBeVisibleAsync();
        Assert.Contains(requested, url => url.StartsWith($"{origin}/lib/echarts/echarts.min.js", StringComparison.Ordinal));
        Assert.All(requested.Where(url => url.StartsWith("http", StringComparison.Ordinal)), url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Equal("6.1.0", await portal.Page.EvaluateAsync<string>("() => window.echarts.version"));

        // The numbers behind the pie are the ledger's: households by degree, in the order of the degrees.
        var byDegree = summary.GetProperty("byDegree").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("households").GetInt32());
        Assert.Equal(
            DegreeCodes.Select(d => byDegree.GetValueOrDefault(d).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await portal.Page.Locator("[data-testid=chart-degrees] tbody td").AllInnerTextsAsync());
        Assert.Equal(DegreeNames, await portal.Page.Locator("[data-testid=chart-degrees] tbody th").AllInnerTextsAsync());
        await portal.ScreenshotAsync("portal-workbench-charts");
        await portal.AssertAccessibleAsync();

        // The needs ledger on paper: A4 landscape, the list under its title, without the menu, the header or the filters.
        await portal.OpenAsync("/households");
        await Assertions.Expect(portal.Page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        await portal.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(portal.Page.GetByTestId("print-heading")).ToContainTextAsync("困难群众需求台账");
        await Assertions.Expect(portal.Page.Locator(".ant-layout-sider")).ToBeHiddenAsync();
        await Assertions.Expect(portal.Page.Locator("header")).ToBeHiddenAsync();
        await Assertions.Expect(portal.Page.Locator("form.portal-filters").First).ToBeHiddenAsync();
        await Assertions.Expect(portal.Page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        var pdf = System.Text.Encoding.Latin1.GetString(await portal.Page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
        Assert.True(box.Success, "the PDF names its page size");
        var (width, height) = (double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        // A4 is 297 × 210 mm: 842 × 595 points, wider than high.
        Assert.InRange(width, 840, 844);
        Assert.InRange(height, 593, 597);
        await portal.ScreenshotAsync("portal-ledger-print");
        await context.DisposeAsync();
    }

    private static JsonElement Line(JsonElement plan, string itemCode) =>
        plan.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == itemCode);
}
