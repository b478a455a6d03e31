using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>What Assessment says about input it refuses: rows counted as rows, filters never silently ignored.</summary>
[Collection(CountyCollection.Name)]
public sealed class RefusedInputTests(CountyAppFixture county)
{
    [Fact]
    public async Task An_import_counts_refused_rows_not_their_errors()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var badCheck = People.IdNumber(40);
        badCheck = badCheck[..17] + (badCheck[17] == '1' ? '2' : '1');
        var csv = MonitoringFiles.Csv(
        [
            new(MonitoringFiles.NewRef(), People.IdNumber(44), "孔明"),
            new(MonitoringFiles.NewRef(), badCheck, "孔亮", Income: "很多"),
            new(MonitoringFiles.NewRef(), People.IdNumber(46), "孔方", Income: "不详"),
            new(MonitoringFiles.NewRef(), People.IdNumber(47), "孔圆", Category: "富裕"),
            new(MonitoringFiles.NewRef(), People.IdNumber(48), "孔\u202E正"),
        ]);

        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(csv), "two-errors-in-a-row.csv");

        // Lines 3 to 6 are refused; line 3 for two reasons (check digit and income), so five errors in four rows.
        Assert.Equal((1L, 4L), (job.GetProperty("rowsValid").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var report = Encoding.UTF8.GetString(await caseworker.GetByteArrayAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/errors"))
            .TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["3", "3", "4", "5", "6"], report.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("status=%00", "status")]
    [InlineData("status=opened", "status")]
    [InlineData("status=1", "status")]
    [InlineData("rule=%00", "rule")]
    [InlineData("rule=elderly", "rule")]
    public async Task An_alert_filter_that_is_not_one_of_its_values_is_refused_not_ignored(string query, string field)
    {
        var caseworker = await county.ClientForAsync("caseworker");

        var response = await caseworker.GetAsync($"/api/assessment/alerts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(field == "status" ? "预警状态应为" : "预警规则应为", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Closed")]
    [InlineData("status=open")]
    [InlineData("rule=elderly-alone")]
    public async Task An_alert_filter_with_one_of_its_values_is_answered(string query)
    {
        var caseworker = await county.ClientForAsync("caseworker");

        var response = await caseworker.GetAsync($"/api/assessment/alerts?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_error_report_in_an_unknown_format_is_refused()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var job = await MonitoringFiles.ImportAsync(caseworker,
            Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(MonitoringFiles.NewRef(), People.IdNumber(52), "孔雀")])), "format.csv");

        var response = await caseworker.GetAsync($"/api/assessment/imports/{job.GetProperty("id").GetGuid()}/errors?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("错误报告格式应为 csv 或 xlsx。",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("format")[0].GetString());
    }
}
