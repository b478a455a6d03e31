using ReliefPlatform.ServiceDefaults.County;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// A purchase project supervised from 立项 to 结项 on the real Funding service: each stage proposed by finance with
/// findings and documents, approved by the county administrator (never by the proposer), the mid-term review
/// only once a contract is awarded under the project, an acceptance (its satisfaction criterion computed from the project's confirmations,
/// never typed) that must rectify and then passes — and
/// every approved stage announced on the broker.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PurchaseProjectTests(CountyAppFixture county) : EventListeningTests(county, typeof(ProjectStageChanged))
{
    private const string Foziling = "341525101";
    private static readonly string[] Documents = ["霍民〔2026〕12号 立项批复"];
    private static readonly string[] DailyCare = ["daily-care"];
    private static readonly string[] UnknownTownship = ["999"];

    [Fact]
    public async Task A_project_goes_through_every_stage_with_a_second_persons_approval()
    {
        var finance = await County.ClientForAsync("finance");
        var admin = await County.ClientForAsync("county-admin");
        var year = Budgets.Year;
        var code = $"PJ-{Guid.NewGuid():N}"[..12];

        var invalid = await finance.PostAsJsonAsync("/api/funding/projects", new { year, code, name = "居家照护", items = Array.Empty<string>(), townships = UnknownTownship, budget = 0.001m });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["budget", "documents", "goals", "items", "townships"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        var proposed = await finance.PostAsJsonAsync("/api/funding/projects", new
        {
            year, code, name = "佛子岭镇居家照护服务项目", goals = "为失能、半失能老人每周提供两次上门照护", items = DailyCare,
            townships = new[] { Foziling }, budget = 120_000.00m, documents = Documents,
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsync($"/api/funding/projects/{id}/stages/approve", null)).StatusCode);
        Assert.Equal("Initiated", await ApproveAsync(admin, id));

        var early = await finance.PostAsJsonAsync($"/api/funding/projects/{id}/stages", new { stage = "MidTermReviewed", findings = "进度正常", documents = Documents });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("本项目下尚未签订购买服务合同，不能进行中期评估。", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        await Budgets.AllocateAsync(County, code, Foziling, 120_000.00m);
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"FZL-{Guid.NewGuid():N}"[..16], year, projectCode = code, providerId = DemoCounty.ProviderId, townships = new[] { Foziling },
            from = $"{year}-01-01", until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = 60.00m, quantityCap = 1000 } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);

        await ProposeAsync(finance, id, new { stage = "MidTermReviewed", findings = "服务量达到计划的 52%，满意度 4.6", documents = Documents });
        Assert.Equal("MidTermReviewed", await ApproveAsync(admin, id));

        var unscored = await finance.PostAsJsonAsync($"/api/funding/projects/{id}/stages", new { stage = "Accepted", findings = "验收", documents = Documents, scores = new { completion = 31, satisfaction = 28, funds = 18, records = 18 } });
        Assert.Equal(HttpStatusCode.BadRequest, unscored.StatusCode);
        var unscoredErrors = (await unscored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("该项得分应在 0–30 分之间。", unscoredErrors.GetProperty("scores.completion")[0].GetString());
        Assert.StartsWith("满意度得分由平台按本项目服务对象的确认评价计算", unscoredErrors.GetProperty("scores.satisfaction")[0].GetString(), StringComparison.Ordinal);

        // No confirmed service yet: the satisfaction criterion earns nothing (26 + 0 + 17 + 17 = 60), so the project must rectify.
        await ProposeAsync(finance, id, new { stage = "Accepted", findings = "服务对象尚无确认评价，须整改", documents = Documents, scores = new { completion = 26, funds = 17, records = 17 } });
        Assert.Equal("Rectifying", await ApproveAsync(admin, id));

        // A service under the project, confirmed with a 5: every scored confirmation is satisfied, so satisfaction earns all 30.
        var household = await Assessments.RegisterKnownToDeliveryAsync(await County.ClientForAsync("caseworker"), Foziling, "201");
        var order = (await DeliveredOrders.DeliverAsync(County, code, [household])).Single();
        Assert.Equal(HttpStatusCode.OK, (await (await County.ClientForAsync("township-foziling")).PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}")).GetProperty("figures").GetProperty("servicesConfirmed").GetInt32() == 1,
            "the confirmation reached the project's figures");
        await ProposeAsync(finance, id, new { stage = "Accepted", findings = "整改后复验合格", documents = Documents, scores = new { completion = 27, funds = 18, records = 17 } });
        Assert.Equal("Accepted", await ApproveAsync(admin, id));
        await ProposeAsync(finance, id, new { stage = "Closed", findings = "资料归档", documents = Documents });
        Assert.Equal("Closed", await ApproveAsync(admin, id));

        var project = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}");
        Assert.Equal("Pass", project.GetProperty("outcome").GetString());
        Assert.Equal(1, project.GetProperty("figures").GetProperty("contracts").GetInt32());
        Assert.Equal(120_000.00m, project.GetProperty("figures").GetProperty("allocated").GetDecimal());
        var listed = (await admin.GetFromJsonAsync<JsonElement>($"/api/funding/projects?year={year}&stage=Closed")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(project.GetProperty("figures").ToString(), listed.GetProperty("figures").ToString());
        var history = project.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(5, history.Count);
        Assert.All(history, h => Assert.Equal("Approved", h.GetProperty("status").GetString()));
        Assert.Equal(1, history[1].GetProperty("figures").GetProperty("contracts").GetInt32());
        Assert.Equal((0, 60, "Rectify"), (history[2].GetProperty("scores").GetProperty("satisfaction").GetInt32(), history[2].GetProperty("total").GetInt32(), history[2].GetProperty("outcome").GetString()));
        Assert.Equal((30, 92), (history[3].GetProperty("scores").GetProperty("satisfaction").GetInt32(), history[3].GetProperty("total").GetInt32()));
        Assert.Equal(1.0m, history[3].GetProperty("figures").GetProperty("satisfiedShare").GetDecimal());

        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ProjectStageChanged>().Count(e => e.ProjectCode == code) == 5),
            "every approved stage was announced");
        var changes = Events.Received<ProjectStageChanged>().Where(e => e.ProjectCode == code).OrderBy(e => e.OccurredAt).Select(e => $"{e.FromStage}>{e.ToStage}");
        Assert.Equal(["Proposed>Initiated", "Initiated>MidTermReviewed", "MidTermReviewed>Rectifying", "Rectifying>Accepted", "Accepted>Closed"], changes);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await County.ClientForAsync("township-foziling")).GetAsync("/api/funding/projects")).StatusCode);
    }

    private static async Task ProposeAsync(HttpClient finance, Guid id, object proposal)
    {
        var response = await finance.PostAsJsonAsync($"/api/funding/projects/{id}/stages", proposal);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string?> ApproveAsync(HttpClient admin, Guid id)
    {
        var response = await admin.PostAsync($"/api/funding/projects/{id}/stages/approve", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString();
    }
}
