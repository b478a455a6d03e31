using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>Dynamic-monitoring files through the gateway into the registry: validated per row, idempotent, with history, alerts and rollback.</summary>
[Collection(CountyCollection.Name)]
public sealed class MonitoringImportTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    private static readonly string[] Hospitalised = ["住院"];

    [Fact]
    public async Task A_file_imports_its_valid_rows_reports_the_others_by_line_and_raises_alerts_for_the_township()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (first, second, stray) = (MonitoringFiles.NewRef(), MonitoringFiles.NewRef(), MonitoringFiles.NewRef());
        var elder = People.IdNumber(78);
        var badCheck = People.IdNumber(40);
        badCheck = badCheck[..17] + (badCheck[17] == '1' ? '2' : '1');
        var csv = MonitoringFiles.Csv(
        [
            new(first, elder, "孙桂英", LivingAlone: "是"),
            new(second, People.IdNumber(52), "钱国强", Category: "低保边缘", Income: "900", Medical: "12000", Signals: "住院"),
            new(second, People.IdNumber(24), "钱小军", Relationship: "子女", Category: "低保边缘", Income: "900"),
            new(MonitoringFiles.NewRef(), badCheck, "李四"),
            new(MonitoringFiles.NewRef(), People.IdNumber(30), "周五", Township: "340100001", Village: "340100001001"),
            new(MonitoringFiles.NewRef(), People.IdNumber(33), "吴六", Income: "很多"),
            new(first, elder, "孙桂英", LivingAlone: "是"),
            new(stray, People.IdNumber(36), "郑七", Village: $"{Hengshan}299"),
        ], "\"未闭合的引号,1,2");

        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(csv), "monitoring-2026-11.csv");

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("rowsNew").GetInt64());
        Assert.Equal(3, job.GetProperty("rowsValid").GetInt64());
        Assert.Equal(6, job.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(100m, job.GetProperty("percentDone").GetDecimal());
        Assert.Equal(2, job.GetProperty("alertsRaised").GetInt64());

        var bytes = await caseworker.GetByteArrayAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/errors");
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var report = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith("行号,户编号,字段,错误原因", report, StringComparison.Ordinal);
        Assert.Contains("5,", report, StringComparison.Ordinal);
        Assert.Contains("公民身份号码校验码不正确，请核对。", report, StringComparison.Ordinal);
        Assert.Contains("“340100001”不是霍山县的乡镇（可填乡镇名称或9位代码）。", report, StringComparison.Ordinal);
        Assert.Contains("月人均收入应为不小于0的金额", report, StringComparison.Ordinal);
        Assert.Contains("同一居民在文件中重复出现（第2行已有）。", report, StringComparison.Ordinal);
        Assert.Contains("引号不成对", report, StringComparison.Ordinal);
        // Line 9 (the header is line 1): a village code the county does not list for 衡山镇.
        Assert.Contains($"\n9,{stray},村代码,村（社区）代码“341525100299”不是衡山镇的村（社区）。", report, StringComparison.Ordinal);
        Assert.DoesNotContain(badCheck, report, StringComparison.Ordinal);

        var staff = await county.ClientForAsync("township-hengshan");
        var alerts = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?townshipCode={Hengshan}&pageSize=200");
        var rules = alerts.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("rule").GetString(), a.GetProperty("householdId").GetGuid())).ToList();
        var ledger = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?villageCode={Hengshan}205&pageSize=200");
        var households = ledger.GetProperty("items").EnumerateArray().ToList();
        var elderId = await HouseholdOfAsync(first);
        var elderHousehold = households.Single(h => h.GetProperty("householdId").GetGuid() == elderId);
        Assert.Equal($"{elder[..6]}********{elder[14..]}", elderHousehold.GetProperty("headIdNumber").GetString());
        Assert.Equal("孙**", elderHousehold.GetProperty("headName").GetString());
        Assert.Contains(("elderly-alone", elderHousehold.GetProperty("householdId").GetGuid()), rules);
        Assert.Contains(rules, r => r.Item1 == "medical-burden");

        var imported = elderHousehold.GetProperty("householdId").GetGuid();
        await MessagingHost.EventuallyAsync(async () => (await caseworker.GetAsync($"/api/delivery/recipients/{imported}")).IsSuccessStatusCode,
            "Delivery learnt of the imported household");
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_updates_with_history_and_an_alert()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var reference = MonitoringFiles.NewRef();
        var person = People.IdNumber(45);
        var csv = Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(reference, person, "郑明", Category: "低保边缘", Income: "1200")]));
        var first = await MonitoringFiles.ImportAsync(caseworker, csv, "a.csv");
        Assert.Equal(1, first.GetProperty("rowsNew").GetInt64());

        var again = await MonitoringFiles.ImportAsync(caseworker, csv, "a-again.csv");
        Assert.Equal((0L, 0L, 1L), (again.GetProperty("rowsNew").GetInt64(), again.GetProperty("rowsChanged").GetInt64(), again.GetProperty("rowsUnchanged").GetInt64()));
        Assert.Equal(first.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
        Assert.Equal(0, again.GetProperty("alertsRaised").GetInt64());

        var changed = await MonitoringFiles.ImportAsync(caseworker,
            Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(reference, person, "郑明", Category: "低保", Income: "500")])), "b.csv");
        Assert.Equal(1, changed.GetProperty("rowsChanged").GetInt64());
        Assert.Equal(2, changed.GetProperty("alertsRaised").GetInt64());
        Assert.Equal(2, await HistoryRowsAsync(changed.GetProperty("id").GetGuid()));

        var alerts = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?townshipCode={Hengshan}&pageSize=200");
        var household = await HouseholdOfAsync(reference);
        var forPerson = alerts.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("householdId").GetGuid() == household).ToList();
        Assert.Equal(["category-changed", "income-below-line"], forPerson.Select(a => a.GetProperty("rule").GetString()).Order());
    }

    [Fact]
    public async Task A_GBK_file_from_Chinese_Excel_is_read_correctly_and_an_undecodable_one_is_refused_clearly()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);
        var reference = MonitoringFiles.NewRef();
        var csv = MonitoringFiles.Csv([new(reference, People.IdNumber(66), "欧阳秀兰", Category: "特困供养")]);

        var job = await MonitoringFiles.ImportAsync(caseworker, gbk.GetBytes(csv), "gbk.csv");
        Assert.Equal(("gbk", 1L), (job.GetProperty("encoding").GetString(), job.GetProperty("rowsNew").GetInt64()));
        var household = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{await HouseholdOfAsync(reference)}");
        Assert.Equal("欧***", household.GetProperty("members")[0].GetProperty("name").GetString());
        Assert.Equal("特困供养", household.GetProperty("categoryName").GetString());

        var binary = await MonitoringFiles.UploadAsync(caseworker, [0xFF, 0xFE, 0x00, 0x81, 0xFF, 0x0A, 0x80, 0xFF], "broken.csv");
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Contains("无法识别文件编码", await binary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var declared = await MonitoringFiles.UploadAsync(caseworker, gbk.GetBytes(csv), "gbk.csv", "&encoding=utf-8");
        Assert.Equal(HttpStatusCode.BadRequest, declared.StatusCode);
        var noColumns = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes("姓名,电话\n张三,123\n"), "wrong.csv");
        Assert.Equal("Failed", noColumns.GetProperty("status").GetString());
        Assert.StartsWith("文件缺少必需的列：户编号、身份证号", noColumns.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_lines_file_imports_and_a_rollback_undoes_what_it_wrote()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var existing = MonitoringFiles.NewRef();
        var kept = People.IdNumber(50);
        await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(existing, kept, "冯强", Income: "1000")])), "base.csv");

        var added = MonitoringFiles.NewRef();
        var lines = string.Join('\n',
            JsonSerializer.Serialize(new { householdRef = existing, idNumber = kept, name = "冯强", relationship = "户主", townshipCode = Hengshan,
                villageCode = $"{Hengshan}205", category = "低保", monthlyIncome = 300 }),
            JsonSerializer.Serialize(new { householdRef = added, idNumber = People.IdNumber(81), name = "褚兰", relationship = "户主", townshipCode = Hengshan,
                villageCode = $"{Hengshan}206", category = "特困供养", livingAlone = true, riskSignals = Hospitalised }),
            "{not json");
        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(lines), "feed.jsonl");
        Assert.Equal((1L, 1L, 1L), (job.GetProperty("rowsNew").GetInt64(), job.GetProperty("rowsChanged").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var addedHousehold = await HouseholdOfAsync(added);
        Assert.NotEqual(Guid.Empty, addedHousehold);

        var supervisor = await county.ClientForAsync("supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/rollback", null)).StatusCode);
        var rollback = await caseworker.PostAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/rollback", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var result = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1, 1), (result.GetProperty("membersRemoved").GetInt32(), result.GetProperty("membersRestored").GetInt32(), result.GetProperty("householdsRemoved").GetInt32()));

        Assert.Equal(Guid.Empty, await HouseholdOfAsync(added));
        var restored = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{await HouseholdOfAsync(existing)}");
        Assert.Equal("低保", restored.GetProperty("categoryName").GetString());
        Assert.Equal("RolledBack", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}")).GetProperty("status").GetString());
        Assert.Equal(0, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?householdId={addedHousehold}")).GetProperty("total").GetInt32());
        Assert.Equal(1000m, await MonthlyIncomeAsync(existing));
    }

    [Fact]
    public async Task Township_staff_and_visitors_cannot_import_and_an_oversize_or_unknown_format_is_refused()
    {
        var staff = await county.ClientForAsync("township-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await MonitoringFiles.UploadAsync(staff, Encoding.UTF8.GetBytes(MonitoringFiles.Header), "x.csv")).StatusCode);
        var caseworker = await county.ClientForAsync("caseworker");
        var unknown = await MonitoringFiles.UploadAsync(caseworker, Encoding.UTF8.GetBytes("a"), "x.pdf", "&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("xlsx、xls、csv 或 jsonl", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notAWorkbook = await MonitoringFiles.UploadAsync(caseworker, Encoding.UTF8.GetBytes("a"), "x.xls");
        Assert.Equal(HttpStatusCode.BadRequest, notAWorkbook.StatusCode);
        Assert.Contains("不是可读取的 Excel 工作簿", await notAWorkbook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_uploaded_as_a_browser_form_is_imported_like_a_raw_one()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var reference = MonitoringFiles.NewRef();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(reference, People.IdNumber(58), "杨帆")])));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "十一月监测数据.csv");

        var response = await caseworker.PostAsync("/api/assessment/imports", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("十一月监测数据.csv", accepted.GetProperty("fileName").GetString());
        var job = await MonitoringFiles.FinishedAsync(caseworker, accepted.GetProperty("id").GetGuid());
        Assert.Equal(1, job.GetProperty("rowsNew").GetInt64());
        Assert.NotEqual(Guid.Empty, await HouseholdOfAsync(reference));
    }

    private async Task<Guid> HouseholdOfAsync(string reference)
    {
        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM households WHERE \"ExternalRef\" = $1", db);
        command.Parameters.AddWithValue(reference);
        return await command.ExecuteScalarAsync() is Guid id ? id : Guid.Empty;
    }

    private async Task<long> HistoryRowsAsync(Guid job)
    {
        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM record_history WHERE \"ImportJobId\" = $1", db);
        command.Parameters.AddWithValue(job);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<decimal?> MonthlyIncomeAsync(string householdRef)
    {
        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT m.\"MonthlyIncome\" FROM members m JOIN households h ON h.\"Id\" = m.\"HouseholdId\" WHERE h.\"ExternalRef\" = $1", db);
        command.Parameters.AddWithValue(householdRef);
        return await command.ExecuteScalarAsync() as decimal?;
    }
}
