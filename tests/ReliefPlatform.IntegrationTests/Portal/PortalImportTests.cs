using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The disability federation's list imported in the portal as a clerk does it, in Debian's Chromium through the gateway:
/// the file's columns with the suggested fields, two columns and a word corrected, the mapping saved as a profile, the
/// preview's counts and each refused row's reason beside it, the import followed to its end, the household found; the
/// next month's list with the same headers is read with the saved profile by itself; the profile's template downloaded.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalImportTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task A_clerk_maps_the_disability_federations_list_once_previews_it_imports_it_and_the_next_list_reads_by_itself()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var (head, child, other) = (People.IdNumber(62), People.IdNumber(31), People.IdNumber(54));
        var (household, otherHousehold) = (MonitoringFiles.NewRef(), MonitoringFiles.NewRef());
        // The federation's own column for the household, unique to this test so no other test's profile reads it.
        var householdColumn = $"家庭编码{Guid.NewGuid():N}"[..10];
        string[] header = ["序号", householdColumn, "持证人", "公民身份证号", "与户主关系", "所在乡镇", "所在村", "救助属性", "残疾类别", "残疾等级"];
        var list = MonitoringFiles.Workbook(
            ["霍山县残疾人联合会困难残疾人名单"],
            header,
            [1, household, "鲍守诚", head, "本人", "衡山镇", "衡山一村", "低保户", "肢体", "二级"],
            [2, household, "鲍小宝", child, "儿子", "衡山镇", "衡山一村", "低保户", "智力", "一级"],
            [3, otherHousehold, "程立本", other, "本人", "衡山镇", "不存在村", "一户多残", "视力", "三级"]);

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync("/imports");
        var page = portal.Page;

        // 1. Previewed: nothing reads the header yet, so each column comes with the field the registry suggests.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "残联名单-10月.xlsx", MimeType = Xlsx, Buffer = list });
        await page.GetByRole(AriaRole.Button, new() { Name = "预览", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-problem")).ToContainTextAsync("前12行中找不到表头");
        await Assertions.Expect(page.GetByLabel("列“公民身份证号”对应的字段")).ToHaveValueAsync("身份证号");
        await Assertions.Expect(page.GetByLabel("列“所在乡镇”对应的字段")).ToHaveValueAsync("乡镇代码");
        await Assertions.Expect(page.GetByLabel("列“救助属性”对应的字段")).ToHaveValueAsync("类别");
        await Assertions.Expect(page.GetByLabel("列“持证人”对应的字段")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("preview-missing")).ToHaveTextAsync("还缺少这些必需字段对应的列：户编号、姓名。");
        // The words the registry does not read: the known one already translated, the other left to the clerk.
        await Assertions.Expect(page.GetByLabel("“类别”中的“低保户”转换为")).ToHaveValueAsync("低保");
        await Assertions.Expect(page.GetByLabel("“类别”中的“一户多残”转换为")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("preview-columns")).Not.ToContainTextAsync(head);
        await portal.AssertAccessibleAsync();

        // 2. Corrected: the two missing columns and the untranslated word; saved without a name, it is refused beside the name.
        await page.GetByLabel($"列“{householdColumn}”对应的字段").SelectOptionAsync("户编号");
        await page.GetByLabel("列“持证人”对应的字段").SelectOptionAsync("姓名");
        await Assertions.Expect(page.GetByTestId("preview-missing")).ToHaveCountAsync(0);
        await page.GetByLabel("“类别”中的“一户多残”转换为").SelectOptionAsync("其他困难");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为导入方案" }).ClickAsync();
        await Assertions.Expect(page.Locator("#profile-name-error")).ToContainTextAsync("请填写方案名称");

        var profileName = $"残联名单-{Guid.NewGuid():N}"[..12];
        await page.GetByLabel("导入方案名称").FillAsync(profileName);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为导入方案" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-message")).ToContainTextAsync($"已保存导入方案“{profileName}”第1版");

        // 3. Previewed again with the profile: what the import would do, and the bad row's reason beside it; nothing written yet.
        await Assertions.Expect(page.GetByTestId("preview-profile")).ToContainTextAsync($"按导入方案“{profileName}”（第1版）读取");
        await Assertions.Expect(page.GetByTestId("preview-rows")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("preview-valid")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("preview-refused")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("preview-new")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("preview-line-5").GetByTestId("row-errors")).ToContainTextAsync("“不存在村”不是衡山镇的村（社区）");
        await Assertions.Expect(page.GetByTestId("preview-line-3").GetByTestId("row-errors")).ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("preview-line-3")).ToContainTextAsync("低保");
        await Assertions.Expect(page.GetByTestId("preview-table")).Not.ToContainTextAsync(head);
        await Assertions.Expect(page.GetByTestId("preview-table")).Not.ToContainTextAsync("鲍守诚");
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = head })).StatusCode);
        await portal.ScreenshotAsync("portal-import-preview");
        await portal.AssertAccessibleAsync();

        // 4. 导入: the job's page follows it to its end; the household is in the registry as the registry names things.
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/imports/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(page.GetByTestId("count-accepted")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-refused")).ToHaveTextAsync("1");
        var profileId = (await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/import-profiles")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == profileName).GetProperty("id").GetGuid();
        var job = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{Guid.Parse(new Uri(page.Url).Segments[^1])}");
        Assert.Equal(profileId, job.GetProperty("profileId").GetGuid());

        await page.GetByTestId("import-households").ClickAsync();
        await page.WaitForURLAsync(portal.Url("/households"));
        await portal.WaitForCircuitAsync();
        await page.Locator("#id-number").FillAsync(child);
        await page.GetByRole(AriaRole.Button, new() { Name = "按身份证号查找" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/households/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("household-category")).ToHaveTextAsync("低保");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveCountAsync(2);

        // 5. Next month's list, same headers, other people: read with the saved profile by itself, the word translated as saved.
        var (nextHead, nextRef) = (People.IdNumber(47), MonitoringFiles.NewRef());
        var next = MonitoringFiles.Workbook(
            ["霍山县残疾人联合会困难残疾人名单（11月）"],
            header,
            [1, nextRef, "程守业", nextHead, "本人", "佛子岭镇", "佛子岭二村", "一户多残", "听力", "二级"]);
        await portal.OpenAsync("/imports");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "残联名单-11月.xlsx", MimeType = Xlsx, Buffer = next });
        await page.GetByRole(AriaRole.Button, new() { Name = "预览", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-profile")).ToContainTextAsync($"按导入方案“{profileName}”（第1版）读取");
        await Assertions.Expect(page.GetByTestId("preview-valid")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("preview-line-3")).ToContainTextAsync("其他困难");

        // The profile's blank template, from the preview: a workbook in the federation's format.
        var template = await File.ReadAllBytesAsync(await (await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("preview-template").ClickAsync())).PathAsync());
        Assert.Equal("PK"u8.ToArray(), template[..2]);

        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("已完成");
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = nextHead });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("其他困难", "341525101202"), (registered.GetProperty("categoryName").GetString(), registered.GetProperty("villageCode").GetString()));

        // The saved profile is listed on the page with its template.
        await Assertions.Expect(page.GetByTestId("profile-list")).ToContainTextAsync(profileName);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_clerk_picks_the_sheet_of_a_workbook_with_two_and_imports_that_one()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var (head, household) = (People.IdNumber(63), MonitoringFiles.NewRef());
        var workbook = MonitoringFiles.Workbook(
            ("填表说明", [["本表由乡镇填报，每月5日前报县民政局。"], ["类别填写：低保、特困供养、防返贫监测对象。"]]),
            ("名单", [
                ["霍山县低收入人口动态监测名单（乡镇填报）"],
                ["户号", "姓名", "身份证号码", "与户主关系", "乡镇", "村（社区）", "类别"],
                [household, "汪守田", head, "户主", "衡山镇", "衡山二村", "低保"],
            ]));

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync("/imports");
        var page = portal.Page;

        // The first visible sheet is read first: its notes have no header; both sheets are offered.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "乡镇填报.xlsx", MimeType = Xlsx, Buffer = workbook });
        await page.GetByRole(AriaRole.Button, new() { Name = "预览", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-problem")).ToContainTextAsync("前12行中找不到表头");
        var sheet = page.GetByLabel("工作表");
        await Assertions.Expect(sheet).ToHaveValueAsync("填表说明");
        await Assertions.Expect(sheet.Locator("option")).ToHaveTextAsync(["填表说明", "名单"]);
        await portal.AssertAccessibleAsync();

        // The clerk picks 名单: it is read, counted, and imported — that sheet, not the first.
        await sheet.SelectOptionAsync("名单");
        await Assertions.Expect(page.GetByTestId("preview-valid")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("preview-refused")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByLabel("工作表")).ToHaveValueAsync("名单");
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/imports/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(page.GetByTestId("count-accepted")).ToHaveTextAsync("1");

        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = head });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal("341525100202", registered.GetProperty("villageCode").GetString());
        await context.DisposeAsync();
    }
}
