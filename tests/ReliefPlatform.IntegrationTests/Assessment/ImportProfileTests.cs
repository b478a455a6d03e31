using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// The disability federation's list, in its own format, imported as a clerk would without editing it: the preview
/// cannot read its header, so it shows the file's columns with a suggested mapping (by name and by the values) and the
/// words to translate; the clerk corrects two columns and saves the mapping as a profile; the next preview finds the
/// profile by itself, shows the first rows with their errors and what the import would do; the import is read with that
/// profile; the same file again is recognised. The profile gives a blank template in its format.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ImportProfileTests(CountyAppFixture county)
{
    [Fact]
    public async Task The_disability_federations_list_is_mapped_once_previewed_and_imported_in_its_own_format()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (head, child, other) = (People.IdNumber(61), People.IdNumber(30), People.IdNumber(52));
        var (household, otherHousehold) = (MonitoringFiles.NewRef(), MonitoringFiles.NewRef());
        var headers = $"家庭编码-{Guid.NewGuid():N}"[..12];
        var list = MonitoringFiles.Workbook(
            ["霍山县残疾人联合会困难残疾人名单"],
            ["序号", headers, "持证人", "公民身份证号", "与户主关系", "所在乡镇", "所在村", "救助属性", "残疾类别", "残疾等级"],
            [1, household, "鲍守诚", head, "本人", "衡山镇", "衡山一村", "低保户", "肢体", "二级"],
            [2, household, "鲍小宝", child, "儿子", "衡山镇", "衡山一村", "低保户", "智力", "一级"],
            [3, otherHousehold, "程立本", other, "本人", "衡山镇", "不存在村", "特困人员", "视力", "三级"]);
        var fileName = $"残联名单-{Guid.NewGuid():N}.xlsx";

        // 1. Nothing reads its header yet: the columns come back with what the registry suggests for each.
        var first = await PreviewAsync(caseworker, list, fileName);
        Assert.False(first.GetProperty("readable").GetBoolean());
        Assert.StartsWith("前12行中找不到表头", first.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, first.GetProperty("headerRow").GetInt32());
        var suggested = first.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("fieldName").GetString());
        Assert.Equal("身份证号", suggested["公民身份证号"]);
        Assert.Equal("乡镇代码", suggested["所在乡镇"]);
        Assert.Equal("村代码", suggested["所在村"]);
        Assert.Equal("类别", suggested["救助属性"]);
        Assert.Equal("与户主关系", suggested["与户主关系"]);
        Assert.Null(suggested["持证人"]);
        Assert.Equal(["户编号", "姓名"], first.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.DoesNotContain(head, first.GetRawText(), StringComparison.Ordinal);
        var words = first.GetProperty("words");
        Assert.Equal("低保", words.GetProperty("类别").GetProperty("低保户").GetString());
        Assert.Equal("特困供养", words.GetProperty("类别").GetProperty("特困人员").GetString());
        Assert.Equal("户主", words.GetProperty("与户主关系").GetProperty("本人").GetString());
        Assert.Equal("子女", words.GetProperty("与户主关系").GetProperty("儿子").GetString());

        // 2. The clerk corrects what was missing and saves the mapping; a bad one is refused field by field.
        var bad = await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new
        {
            name = "",
            columns = new Dictionary<string, string> { ["公民身份证号"] = "身份证号", ["证号"] = "身份证号", ["所在村"] = "村名" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badErrors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("请填写方案名称", badErrors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("“身份证号”已由列“公民身份证号”提供，一个字段只能对应一列。", badErrors.GetProperty("columns.证号")[0].GetString());
        Assert.StartsWith("“村名”不是登记簿的字段", badErrors.GetProperty("columns.所在村")[0].GetString(), StringComparison.Ordinal);

        var profileName = $"残联名单-{Guid.NewGuid():N}"[..14];
        var columns = suggested.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        columns[headers] = "户编号";
        columns["持证人"] = "姓名";
        var values = new Dictionary<string, Dictionary<string, string>>
        {
            ["类别"] = new() { ["低保户"] = "低保", ["特困人员"] = "特困供养" },
            ["与户主关系"] = new() { ["本人"] = "户主", ["儿子"] = "子女" },
        };
        var saved = await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new { name = profileName, columns, values });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var profile = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var profileId = profile.GetProperty("id").GetGuid();
        Assert.Equal(1, profile.GetProperty("version").GetInt32());

        // 3. The next preview finds the profile by the file's headers: the rows as read, each with its errors, and the counts.
        var second = await PreviewAsync(caseworker, list, fileName);
        Assert.True(second.GetProperty("readable").GetBoolean(), second.GetRawText());
        Assert.Equal(profileId, second.GetProperty("profile").GetProperty("id").GetGuid());
        var rows = second.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5], rows.Select(r => r.GetProperty("line").GetInt32()).ToArray());
        Assert.Equal(("鲍**", "低保", "子女"), (rows[0].GetProperty("values").GetProperty("姓名").GetString(), rows[0].GetProperty("values").GetProperty("类别").GetString(),
            rows[1].GetProperty("values").GetProperty("与户主关系").GetString()));
        Assert.Equal(IdMasked(head), rows[0].GetProperty("values").GetProperty("身份证号").GetString());
        Assert.Empty(rows[0].GetProperty("errors").EnumerateArray());
        var refused = Assert.Single(rows[2].GetProperty("errors").EnumerateArray());
        Assert.Equal("村代码", refused.GetProperty("field").GetString());
        Assert.StartsWith("“不存在村”不是衡山镇的村（社区）", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((3, 2, 1, 2, 0, 0), Counts(second));
        Assert.Empty(second.GetProperty("sameFileAs").EnumerateArray());

        // Nothing was written by either preview.
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = head })).StatusCode);

        // 4. 导入: the file is read with the profile; the household is in the registry as the registry names things.
        var job = await MonitoringFiles.ImportAsync(caseworker, list, fileName);
        Assert.Equal(("Completed", 2, 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(profileId, job.GetProperty("profileId").GetGuid());
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = child });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("低保", "341525100201", 2), (registered.GetProperty("categoryName").GetString(), registered.GetProperty("villageCode").GetString(), registered.GetProperty("members").GetArrayLength()));

        // 5. The same file again is recognised — in the preview (and it would change nothing) and on upload.
        var third = await PreviewAsync(caseworker, list, fileName);
        Assert.Equal([job.GetProperty("id").GetGuid()], third.GetProperty("sameFileAs").EnumerateArray().Select(j => j.GetGuid()).ToArray());
        Assert.Equal((3, 2, 1, 0, 0, 2), Counts(third));
        var again = await MonitoringFiles.UploadAsync(caseworker, list, fileName);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var againJob = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(job.GetProperty("id").GetGuid(), againJob.GetProperty("sameFileAs").EnumerateArray().Select(j => j.GetGuid()));
        await MonitoringFiles.FinishedAsync(caseworker, againJob.GetProperty("id").GetGuid());

        // 6. Saved again under its name: version 2; version 1 stays, superseded, for the imports read by it.
        columns["残疾等级"] = "残疾等级";
        var v2 = await (await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new { name = profileName, columns, values })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        var current = await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/import-profiles");
        Assert.Equal([2], current.EnumerateArray().Where(p => p.GetProperty("name").GetString() == profileName).Select(p => p.GetProperty("version").GetInt32()).ToArray());
        var v1 = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/import-profiles/{profileId}");
        Assert.NotEqual(JsonValueKind.Null, v1.GetProperty("supersededAt").ValueKind);

        // 7. The profile's blank template: its own headers, drop-down lists for coded columns; as filled in, it reads with
        //    the profile (its example row is refused, never imported).
        var template = await caseworker.GetAsync($"/api/assessment/import-profiles/{v2.GetProperty("id").GetGuid()}/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var xml = await sheet.ReadToEndAsync();
            Assert.Contains("type=\"list\"", xml, StringComparison.Ordinal);
            Assert.Contains("低保户", xml, StringComparison.Ordinal);
        }

        var blank = await PreviewAsync(caseworker, bytes, "模板.xlsx");
        Assert.True(blank.GetProperty("readable").GetBoolean(), blank.GetRawText());
        Assert.Equal(v2.GetProperty("id").GetGuid(), blank.GetProperty("profile").GetProperty("id").GetGuid());
        Assert.Equal((1, 0, 1), (Counts(blank).Rows, Counts(blank).Valid, Counts(blank).Refused));
    }

    [Fact]
    public async Task Another_sources_csv_is_imported_through_a_named_profile()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var head = People.IdNumber(70);
        var household = MonitoringFiles.NewRef();
        var profileName = $"省平台-{Guid.NewGuid():N}"[..12];
        var saved = await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new
        {
            name = profileName,
            columns = new Dictionary<string, string>
            {
                ["家庭户码"] = "户编号", ["成员姓名"] = "姓名", ["证件号"] = "身份证号", ["关系"] = "与户主关系",
                ["镇"] = "乡镇代码", ["村居"] = "村代码", ["监测类型"] = "类别",
            },
            values = new Dictionary<string, Dictionary<string, string>> { ["类别"] = new() { ["监测户"] = "防返贫监测对象" } },
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var profileId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var csv = $"家庭户码,成员姓名,证件号,关系,镇,村居,监测类型\n{household},程守业,{head},户主,佛子岭镇,佛子岭二村,监测户\n";

        var response = await MonitoringFiles.UploadAsync(caseworker, Encoding.UTF8.GetBytes(csv), $"省平台-{Guid.NewGuid():N}.csv", $"&profile={profileId}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await MonitoringFiles.FinishedAsync(caseworker, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(("Completed", 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32()));
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = head });
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("防返贫监测对象", "341525101202"), (registered.GetProperty("categoryName").GetString(), registered.GetProperty("villageCode").GetString()));

        // A profile whose names are not in the file is refused by name, nothing queued.
        var wrong = await MonitoringFiles.UploadAsync(caseworker, Encoding.UTF8.GetBytes("户编号,姓名\nx,y\n"), "wrong.csv", $"&profile={profileId}");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith($"按导入方案“{profileName}”（第1版）读不出表头", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("profile")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_whose_header_a_saved_profile_covers_is_read_with_it_by_itself_and_the_platforms_csv_still_with_the_standard_names()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (head, plain) = (People.IdNumber(71), People.IdNumber(72));
        // The provincial platform's names, which the standard mapping reads too, and a column of this test's own.
        var income = $"月收入{Guid.NewGuid():N}"[..11];
        var saved = await caseworker.PostAsJsonAsync("/api/assessment/import-profiles", new
        {
            name = $"省平台导出-{Guid.NewGuid():N}"[..14],
            columns = new Dictionary<string, string>
            {
                ["户号"] = "户编号", ["姓名"] = "姓名", ["身份证号码"] = "身份证号", ["与户主关系"] = "与户主关系",
                ["乡镇"] = "乡镇代码", ["村（社区）"] = "村代码", ["人员类别"] = "类别", [income] = "月人均收入",
            },
            values = new Dictionary<string, Dictionary<string, string>> { ["类别"] = new() { ["低保户"] = "低保" } },
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var profileId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var csv = Encoding.UTF8.GetBytes($"户号,姓名,身份证号码,与户主关系,乡镇,村（社区）,人员类别,{income}\n{MonitoringFiles.NewRef()},程守仁,{head},户主,衡山镇,衡山一村,低保户,650\n");

        // Nobody names the profile: the preview and the upload both read the file with it, so 低保户 is 低保.
        var preview = await PreviewAsync(caseworker, csv, $"省平台-{Guid.NewGuid():N}.csv");
        Assert.Equal(profileId, preview.GetProperty("profile").GetProperty("id").GetGuid());
        Assert.Equal((1, 1, 0), (Counts(preview).Rows, Counts(preview).Valid, Counts(preview).Refused));
        var response = await MonitoringFiles.UploadAsync(caseworker, csv, $"省平台-{Guid.NewGuid():N}.csv");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await MonitoringFiles.FinishedAsync(caseworker, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(("Completed", 1, 0), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(profileId, job.GetProperty("profileId").GetGuid());
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = head });
        var registered = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{(await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(("低保", "341525100201"), (registered.GetProperty("categoryName").GetString(), registered.GetProperty("villageCode").GetString()));

        // The platform's own CSV: no profile covers its header, so the standard names read it, as before.
        var standard = await MonitoringFiles.ImportAsync(caseworker,
            Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new MonitoringLine(MonitoringFiles.NewRef(), plain, "程守义")])), $"平台-{Guid.NewGuid():N}.csv");
        Assert.Equal(("Completed", 1), (standard.GetProperty("status").GetString(), standard.GetProperty("rowsValid").GetInt32()));
        Assert.Equal(JsonValueKind.Null, standard.GetProperty("profileId").ValueKind);
    }

    private static (int Rows, int Valid, int Refused, int New, int Changed, int Unchanged) Counts(JsonElement preview)
    {
        var c = preview.GetProperty("counts");
        return (c.GetProperty("rows").GetInt32(), c.GetProperty("valid").GetInt32(), c.GetProperty("refused").GetInt32(),
            c.GetProperty("new").GetInt32(), c.GetProperty("changed").GetInt32(), c.GetProperty("unchanged").GetInt32());
    }

    private static string IdMasked(string id) => string.Concat(id.AsSpan(0, 6), "********", id.AsSpan(14, 4));

    private static async Task<JsonElement> PreviewAsync(HttpClient client, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", fileName);
        var response = await client.PostAsync("/api/assessment/imports/preview", form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
