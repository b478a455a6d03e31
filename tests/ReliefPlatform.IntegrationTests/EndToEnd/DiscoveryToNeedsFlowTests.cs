using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Plan part 1 end to end, through the gateway as the county's users work: the monitoring feed arrives, discovery
/// raises an alert for the township, a visitor assesses the household, township staff approve, and Delivery
/// receives the needs to plan services from.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class DiscoveryToNeedsFlowTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] Meals = ["meal"];

    [Fact]
    public async Task Import_alert_visit_approval_and_the_needs_reach_Delivery()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var staff = await county.ClientForAsync("township-hengshan");
        var reference = MonitoringFiles.NewRef();
        var csv = MonitoringFiles.Csv([new(reference, People.IdNumber(83), "蒋德福", Village: $"{Hengshan}203", Category: "特困供养", LivingAlone: "是")]);

        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(csv), "monthly-feed.csv");
        Assert.Equal(1, job.GetProperty("alertsRaised").GetInt64());

        var alerts = await visitor.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?townshipCode={Hengshan}&rule=elderly-alone&pageSize=200");
        var ledger = await visitor.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?villageCode={Hengshan}203&pageSize=200");
        var households = ledger.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("householdId").GetGuid()).ToHashSet();
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => households.Contains(a.GetProperty("householdId").GetGuid())
            && a.GetProperty("raisedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var household = alert.GetProperty("householdId").GetGuid();
        Assert.Equal("高龄独居", alert.GetProperty("ruleName").GetString());

        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-bathing", Dependent), ("adl-walking", Dependent), ("living-alone", ["yes"]), ("caregiver", ["none"]), ("requested-services", Meals));
        var started = await Assessments.StartAsync(visitor, household, answers, "希望有人送餐");
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{id}/approve", null)).StatusCode);

        await MessagingHost.EventuallyAsync(async () =>
        {
            var recipient = await caseworker.GetAsync($"/api/delivery/recipients/{household}");
            return recipient.IsSuccessStatusCode
                && (await recipient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assessmentId").ValueKind == JsonValueKind.String;
        }, "Delivery planned from the approved needs");
        var planned = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}");
        Assert.Contains("meal-assistance", planned.GetProperty("needCodes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("guardianship-gap", planned.GetProperty("difficultyTypes").EnumerateArray().Select(n => n.GetString()));

        var open = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?householdId={household}");
        Assert.Equal(0, open.GetProperty("total").GetInt32());
        var closed = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/alerts?householdId={household}&status=closed");
        Assert.Equal("已完成困境评估", closed.GetProperty("items")[0].GetProperty("resolution").GetString());
    }
}
