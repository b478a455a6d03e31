using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// The provincial monitoring platform's list as a clerk receives it — as the old .xls and as .xlsx, with two title rows
/// merged across, a two-row header (家庭成员信息 merged over 姓名/身份证号码/与户主关系, the other headers merged down), its
/// own name for the household column, township and village names (and codes in one row), its own category words and an
/// ID number Excel turned into a number — imported through the gateway as the clerk does it: the preview suggests the
/// mapping, the clerk corrects it and saves it as a profile, previews again, imports; the registry has the households.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProvincialWorkbookTests(CountyAppFixture county)
{
    [Theory]
    [InlineData("xls")]
    [InlineData("xlsx")]
    public async Task The_provincial_platforms_list_is_mapped_previewed_and_imported_as_received(string format)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (head, spouse, other) = (People.IdNumber(67), People.IdNumber(64), People.IdNumber(72));
        var (household, otherHousehold) = (MonitoringFiles.NewRef(), MonitoringFiles.NewRef());
        // The platform's own name for the household column, unique to this test so no other test's profile reads the file.
        var householdColumn = $"户码{Guid.NewGuid():N}"[..8];
        string[] merged = ["A1:I1", "A2:I2", "A3:A4", "B3:D3", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:I4"];
        object?[][] rows =
        [
            ["霍山县低收入人口动态监测名单（2026年10月）"],
            ["填报单位：霍山县民政局　　单位：元"],
            [householdColumn, "家庭成员信息", null, null, "乡镇（街道）", "村（社区）", "监测对象类别", "月人均收入", "是否独居"],
            [null, "姓名", "身份证号码", "与户主关系"],
            [household, "鲍守诚", head, "户主", "衡山镇", "衡山一村", "低保户", 650.5, "否"],
            [household, "鲍刘氏", spouse, "配偶", "衡山镇", "衡山一村", "低保户", 650.5, "否"],
            [MonitoringFiles.NewRef(), "鲍小满", 341525199001011234d, "户主", "衡山镇", "衡山一村", "低保户", 480, "是"],
            [otherHousehold, "程立本", other, "户主", "341525101", "341525101202", "监测户", 300, "是"],
        ];
        var file = format == "xls" ? MonitoringFiles.Xls(merged, rows) : MonitoringFiles.Xlsx(merged, rows);
        var fileName = $"省监测平台导出-{Guid.NewGuid():N}.{format}";

        // 1. The header is found over two rows; nothing reads the household column yet, so a mapping is suggested.
        var first = await PreviewAsync(caseworker, file, fileName);
        Assert.False(first.GetProperty("readable").GetBoolean());
        Assert.Equal((3, 2), (first.GetProperty("headerRow").GetInt32(), first.GetProperty("headerRows").GetInt32()));
        var suggested = first.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("fieldName").GetString());
        Assert.Equal(("姓名", "身份证号", "与户主关系"), (suggested["姓名"], suggested["身份证号码"], suggested["与户主关系"]));
        Assert.Equal(("乡镇代码", "村代码", "类别"), (suggested["乡镇（街道）"], suggested["村（社区）"], suggested["监测对象类别"]));
        Assert.Null(suggested[householdColumn]);
        Assert.Equal(["户编号"], first.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToArray());
        var words = first.GetProperty("words").GetProperty("类别");
        Assert.Equal(("低保", "防返贫监测对象"), (words.GetProperty("低保户").GetString(), words.GetProperty("监测户").GetString()));

        // 2. The clerk gives the household column and keeps the suggested words: saved as the platform's profile.
        var columns = suggested.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        columns[householdColumn] = "户编号";
        var values = new Dictionary<string, Dictionary<string, string>> { ["类别"] = new() { ["低保户"] = "低保", ["监测户"] = "防返贫监测对象" } };
        var saved = await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new { name = $"省监测平台导出·2026版-{format}-{Guid.NewGuid():N}"[..24], columns, values });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var profileId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // 3. Previewed with it: the rows at the spreadsheet's own row numbers; the number-mangled ID refused with its reason.
        var second = await PreviewAsync(caseworker, file, fileName);
        Assert.True(second.GetProperty("readable").GetBoolean(), second.GetRawText());
        Assert.Equal(profileId, second.GetProperty("profile").GetProperty("id").GetGuid());
        var previewRows = second.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([5, 6, 7, 8], previewRows.Select(r => r.GetProperty("line").GetInt32()).ToArray());
        var mangled = Assert.Single(previewRows[2].GetProperty("errors").EnumerateArray());
        Assert.Equal("身份证号", mangled.GetProperty("field").GetString());
        Assert.Contains("科学计数法", mangled.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(previewRows.Where(r => r.GetProperty("line").GetInt32() != 7), r => Assert.Empty(r.GetProperty("errors").EnumerateArray()));
        var counts = second.GetProperty("counts");
        Assert.Equal((4, 3, 1, 3), (counts.GetProperty("rows").GetInt32(), counts.GetProperty("valid").GetInt32(), counts.GetProperty("refused").GetInt32(), counts.GetProperty("new").GetInt32()));

        // 4. Imported: where the names and codes put them, in the registry's words, with the amounts as written.
        var job = await MonitoringFiles.ImportAsync(caseworker, file, fileName);
        Assert.Equal(("Completed", 3, 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(profileId, job.GetProperty("profileId").GetGuid());
        var errors = await caseworker.GetStringAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/errors");
        Assert.Contains(errors.Split('\n'), l => l.StartsWith("7,", StringComparison.Ordinal) && l.Contains("科学计数法", StringComparison.Ordinal));

        var registered = await HouseholdOfAsync(caseworker, spouse);
        Assert.Equal(("低保", "341525100", "341525100201", 2), (registered.GetProperty("categoryName").GetString(), registered.GetProperty("townshipCode").GetString(),
            registered.GetProperty("villageCode").GetString(), registered.GetProperty("members").GetArrayLength()));
        var monitored = await HouseholdOfAsync(caseworker, other);
        Assert.Equal(("防返贫监测对象", "341525101202"), (monitored.GetProperty("categoryName").GetString(), monitored.GetProperty("villageCode").GetString()));
    }

    private static async Task<JsonElement> HouseholdOfAsync(HttpClient client, string idNumber)
    {
        var found = await client.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        return await client.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
    }

    private static async Task<JsonElement> PreviewAsync(HttpClient client, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        var response = await client.PostAsync("/api/assessment/imports/preview", form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
