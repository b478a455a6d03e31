using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// From an approved assessment to an approved service plan: Delivery asks the catalogue's matching (as the
/// county's services, through Identity), proposes the eligible items at their standard with the reasons, and
/// a second person approves what a caseworker edited.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ServicePlanFlowTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] MealAndBathing = ["meal", "bathing"];

    [Fact]
    public async Task An_approved_assessment_drafts_a_plan_from_the_catalogue_that_a_second_person_approves()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var staff = await county.ClientForAsync("township-hengshan");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "209");
        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-eating", Dependent), ("adl-bathing", Dependent), ("adl-dressing", Dependent), ("adl-toileting", Dependent),
            ("adl-transfer", Dependent), ("adl-walking", Dependent), ("requested-services", MealAndBathing));
        var started = await Assessments.StartAsync(visitor, household, answers);
        var assessment = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);

        JsonElement plan = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var plans = await staff.GetFromJsonAsync<JsonElement>($"/api/delivery/households/{household}/plans");
            if (plans.GetArrayLength() == 0)
            {
                return false;
            }

            plan = plans[0];
            return true;
        }, "Delivery drafted a service plan from the catalogue");

        Assert.Equal("Draft", plan.GetProperty("status").GetString());
        Assert.Equal(assessment, plan.GetProperty("assessmentId").GetGuid());
        var lines = plan.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("itemCode").GetString()!);
        Assert.Superset(new HashSet<string>(["meal-assistance", "bathing-assistance", "daily-care", "respite-care", "rehabilitation-nursing"]), lines.Keys.ToHashSet());
        Assert.Equal(7, lines["meal-assistance"].GetProperty("times").GetInt32());
        Assert.Contains("服务需求为助餐", lines["meal-assistance"].GetProperty("reasons").GetString(), StringComparison.Ordinal);
        var monitoring = plan.GetProperty("considered").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "health-monitoring");
        Assert.False(monitoring.GetProperty("eligible").GetBoolean());
        Assert.DoesNotContain("health-monitoring", lines.Keys);

        var id = plan.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PutAsJsonAsync($"/api/delivery/plans/{id}/lines/respite-care", new { included = false, note = "家属暂不需要" })).StatusCode);
        var ownApproval = await caseworker.PostAsync($"/api/delivery/plans/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, ownApproval.StatusCode);
        var approved = await staff.PostAsync($"/api/delivery/plans/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var result = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == "respite-care").GetProperty("included").GetBoolean());

        var outsider = await county.ClientForAsync("township-foziling");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/delivery/plans/{id}")).StatusCode);
    }
}
