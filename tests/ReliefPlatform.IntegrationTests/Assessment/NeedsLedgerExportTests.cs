using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>The needs ledger leaves the system as a file staff open in Excel: masked by default, unmasked only with a reason that is audited.</summary>
[Collection(CountyCollection.Name)]
public sealed class NeedsLedgerExportTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task The_export_is_masked_csv_or_xlsx_and_an_unmasked_export_needs_a_permitted_role_and_is_audited()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var head = People.IdNumber(61);
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "204", People.Member("沈秀珍", head));
        var filter = $"villageCode={Hengshan}204";

        var csv = await caseworker.GetAsync($"/api/assessment/ledger/export?{filter}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF家庭编号,乡镇代码,村（社区）代码,类别,状态,人口数,户主,户主身份证号", text, StringComparison.Ordinal);
        Assert.Contains($"{household},{Hengshan},{Hengshan}204,特困供养,在册,1,沈**,{head[..6]}********{head[14..]}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(head, text, StringComparison.Ordinal);

        var xlsx = await caseworker.GetAsync($"/api/assessment/ledger/export?{filter}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);

        var visitor = await county.ClientForAsync("visitor-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/api/assessment/ledger/export?{filter}&unmask=true&reason=home-visit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync($"/api/assessment/ledger/export?{filter}&unmask=true")).StatusCode);
        var unmasked = await caseworker.GetByteArrayAsync($"/api/assessment/ledger/export?{filter}&unmask=true&reason=payment");
        var full = Encoding.UTF8.GetString(unmasked);
        Assert.Contains($"沈秀珍,{head}", full, StringComparison.Ordinal);

        var supervisor = await county.ClientForAsync("supervisor");
        var audit = await supervisor.GetFromJsonAsync<JsonElement>("/api/assessment/audit?subject=ledger");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("action").GetString() == "personal-data.unmask-export"
            && e.GetProperty("details").GetString()!.StartsWith($"reason=payment;township=;village={Hengshan}204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ledger_filters_that_make_no_sense_are_refused_field_by_field()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var response = await caseworker.GetAsync("/api/assessment/ledger?degree=terrible&due=someday&category=富裕户&sort=name&villageCode=341525100299");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["category", "degree", "due", "sort", "villageCode"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("村（社区）代码“341525100299”不是霍山县的村（社区）。", errors.GetProperty("villageCode")[0].GetString());
    }
}
