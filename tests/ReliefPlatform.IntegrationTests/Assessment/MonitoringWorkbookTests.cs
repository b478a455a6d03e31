using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// The monitoring list as a county receives it — an Excel workbook with a title row, a two-row header under a merged
/// 家庭成员信息, township and village names instead of codes, amounts as Excel numbers, an ID number Excel turned into a
/// number — imported through the gateway as it is: the good rows are in the registry, each bad one is refused with the
/// row number the clerk sees in Excel and a reason. A file that is not a workbook, or has no header, is refused whole.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class MonitoringWorkbookTests(CountyAppFixture county)
{
    [Fact]
    public async Task A_workbook_with_title_rows_merged_headers_and_names_is_imported_as_the_clerk_sees_it()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (head, spouse, other) = (People.IdNumber(66), People.IdNumber(63), People.IdNumber(71));
        var (household, otherHousehold) = (MonitoringFiles.NewRef(), MonitoringFiles.NewRef());
        var workbook = MonitoringFiles.Workbook(
            ["霍山县低收入人口动态监测名单（2026年11月）"],
            ["填报单位：霍山县民政局", null, null, null, null, null, null, "单位：元"],
            ["户号", "家庭成员信息", null, null, "乡镇", "村（社区）", "人员类别", "月人均收入", "是否独居"],
            [null, "姓名", "身份证号码", "与户主关系"],
            [household, "鲍守诚", head, "户主", "衡山镇", "衡山一村", "低保", 650.5, "否"],
            [household, "鲍刘氏", spouse, "配偶", "衡山镇", "衡山一村", "低保", 650.5, "否"],
            [MonitoringFiles.NewRef(), "鲍小满", 341525199001011234d, "户主", "衡山镇", "衡山一村", "低保", 480, "是"],
            [MonitoringFiles.NewRef(), "鲍大满", People.IdNumber(58), "户主", "衡山镇", "不存在村", "低保", 480, "是"],
            [],
            [otherHousehold, "程立本", other, "户主", "佛子岭", "佛子岭二村", "特困供养", 300, "是"]);

        var job = await MonitoringFiles.ImportAsync(caseworker, workbook, "霍山县低收入人口监测名单.xlsx");
        Assert.Equal(("Completed", 3, 2), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));

        // Refused rows by the spreadsheet's own row numbers, with reasons a clerk can act on.
        var errors = await caseworker.GetStringAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/errors");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("7,", StringComparison.Ordinal) && l.Contains("身份证号", StringComparison.Ordinal) && l.Contains("科学计数法", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("8,", StringComparison.Ordinal) && l.Contains("“不存在村”不是衡山镇的村（社区）", StringComparison.Ordinal));

        // The households are where the names put them, with their members, category and amounts.
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = spouse });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("341525100", "341525100201", 2), (registered.GetProperty("townshipCode").GetString(), registered.GetProperty("villageCode").GetString(),
            registered.GetProperty("members").GetArrayLength()));
        var moved = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = other });
        var theirs = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("341525101", "341525101202"), (theirs.GetProperty("townshipCode").GetString(), theirs.GetProperty("villageCode").GetString()));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_has_no_header_or_no_such_sheet_is_refused_whole_with_the_reason()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var name = $"名单-{Guid.NewGuid():N}.xlsx";

        var renamed = await MonitoringFiles.UploadAsync(caseworker, Encoding.UTF8.GetBytes(MonitoringFiles.Csv([])), name);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal("application/problem+json", renamed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不是可读取的 Excel 工作簿", await ErrorAsync(renamed, "file"), StringComparison.Ordinal);

        var headless = await MonitoringFiles.UploadAsync(caseworker, MonitoringFiles.Workbook(["霍山县名单"], ["张三", "李四"]), name);
        Assert.Equal(HttpStatusCode.BadRequest, headless.StatusCode);
        Assert.StartsWith("前12行中找不到表头", await ErrorAsync(headless, "file"), StringComparison.Ordinal);

        var twice = await MonitoringFiles.UploadAsync(caseworker,
            MonitoringFiles.Workbook(["户号", "姓名", "身份证号", "身份证号码", "与户主关系", "乡镇", "村（社区）", "人员类别"]), name);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("表头中第3列和第4列都对应“身份证号”，请只保留一列。", await ErrorAsync(twice, "file"));

        var noSheet = await MonitoringFiles.UploadAsync(caseworker, MonitoringFiles.Workbook(["户号"]), name, "&sheet=" + Uri.EscapeDataString("二月"));
        Assert.Equal(HttpStatusCode.BadRequest, noSheet.StatusCode);
        Assert.StartsWith("工作簿里没有工作表“二月”", await ErrorAsync(noSheet, "sheet"), StringComparison.Ordinal);

        // Nothing was queued.
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/imports")).EnumerateArray(), j => j.GetProperty("fileName").GetString() == name);
    }

    [Fact]
    public async Task A_workbook_of_several_megabytes_is_previewed_whole_read_through_its_sealed_chunks_and_nothing_is_written()
    {
        // 30,000 people, each their own household, born on days of 1931 nobody else's test uses: a workbook of about
        // 2.5 MB (three of the store's 1 MiB chunks) whose CSV is longer than the preview's pipe runs ahead.
        const int people = 30_000;
        var ids = Enumerable.Range(0, people)
            .Select(i => ReliefPlatform.Security.PersonalData.IdNumber.Compose("341525", new DateOnly(1931, 1, 1).AddDays(i / 900), 100 + (i % 900)))
            .ToList();
        object?[][] rows =
        [
            ["霍山县低收入人口动态监测名单（大文件）"],
            ["户号", "姓名", "身份证号码", "与户主关系", "乡镇", "村（社区）", "人员类别", "月人均收入"],
            .. ids.Select((id, i) => new object?[] { MonitoringFiles.NewRef(), $"柏{(char)(0x4E00 + (i % 20_000))}", id, "户主", "衡山镇", "衡山一村", "低保", 400 + (i % 300) }),
        ];
        var workbook = MonitoringFiles.Workbook(rows);
        Assert.True(workbook.Length > 2 * (1 << 20), $"the workbook is {workbook.Length:N0} bytes");

        var caseworker = await county.ClientForAsync("caseworker");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(workbook), "file", $"大名单-{Guid.NewGuid():N}.xlsx");
        var response = await caseworker.PostAsync("/api/assessment/imports/preview", form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(preview.GetProperty("readable").GetBoolean(), preview.GetProperty("problem").ToString());
        Assert.Equal(Enumerable.Range(3, 50), preview.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        var counts = preview.GetProperty("counts");
        Assert.Equal((people, people, 0, people), (counts.GetProperty("rows").GetInt32(), counts.GetProperty("valid").GetInt32(),
            counts.GetProperty("refused").GetInt32(), counts.GetProperty("new").GetInt32()));

        // Nothing was written: neither the first nor the last person is in the registry.
        foreach (var id in new[] { ids[0], ids[^1] })
        {
            var lookup = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = id });
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
}
