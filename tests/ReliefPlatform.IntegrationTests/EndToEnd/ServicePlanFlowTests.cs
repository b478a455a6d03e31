using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

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
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "203");
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
        Assert.Superset(new HashSet<string>(["meal-assistance", "bathing-assistance", "daily-care", "respite-care", "rehabilitation-nursing", "health-monitoring"]), lines.Keys.ToHashSet());
        Assert.Equal(7, lines["meal-assistance"].GetProperty("times").GetInt32());
        Assert.Contains("服务需求为助餐", lines["meal-assistance"].GetProperty("reasons").GetString(), StringComparison.Ordinal);
        // The household's only member is a 78-year-old 特困 person: health monitoring (60 and over, 特困/低保/低保边缘) is for them.
        var monitoring = plan.GetProperty("considered").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "health-monitoring");
        Assert.True(monitoring.GetProperty("eligible").GetBoolean());
        Assert.Contains("（78岁）", lines["health-monitoring"].GetProperty("reasons").GetString(), StringComparison.Ordinal);

        var id = plan.GetProperty("id").GetGuid();
        // The drafts queue: the township's staff find it there, another township's do not.
        var outsider = await county.ClientForAsync("township-foziling");
        Assert.Contains(id, (await staff.GetFromJsonAsync<JsonElement>("/api/delivery/plans")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(id, (await outsider.GetFromJsonAsync<JsonElement>("/api/delivery/plans")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PutAsJsonAsync($"/api/delivery/plans/{id}/lines/respite-care", new { included = false, note = "家属暂不需要" })).StatusCode);
        var ownApproval = await caseworker.PostAsync($"/api/delivery/plans/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, ownApproval.StatusCode);
        var approved = await staff.PostAsync($"/api/delivery/plans/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var result = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == "respite-care").GetProperty("included").GetBoolean());

        Assert.DoesNotContain(id, (await staff.GetFromJsonAsync<JsonElement>("/api/delivery/plans")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Contains(id, (await staff.GetFromJsonAsync<JsonElement>("/api/delivery/plans?status=Approved")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/delivery/plans/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_approved_plan_is_matched_to_an_eligible_contracted_provider_and_the_rest_is_shown_as_unmet()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var provider = await Plans.ContractedCareProviderAsync(county);
        var (_, plan) = await Plans.DraftedPlanAsync(county, "206");
        var approved = await caseworker.PostAsync($"/api/delivery/plans/{plan}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        // Delivery learns the contract from ContractAwarded; until it has, the line shows as unmatched and is matched again.
        var lines = new Dictionary<string, JsonElement>();
        await MessagingHost.EventuallyAsync(async () =>
        {
            var matched = await caseworker.PostAsync($"/api/delivery/plans/{plan}/match", null);
            lines = (await matched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("itemCode").GetString()!);
            return lines["daily-care"].GetProperty("providerId").ValueKind == JsonValueKind.String;
        }, "the daily-care line was matched to the contracted provider");
        var care = lines["daily-care"];
        Assert.Equal(provider.ToString(), care.GetProperty("providerId").GetString());
        Assert.Contains("合同", care.GetProperty("matchExplanation").GetString(), StringComparison.Ordinal);
        var order = care.GetProperty("workOrderId").GetGuid();
        Assert.True(lines["meal-assistance"].GetProperty("unmet").GetBoolean());
        Assert.Contains("未满足需求", lines["meal-assistance"].GetProperty("matchExplanation").GetString(), StringComparison.Ordinal);

        await MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString() == "Assigned",
            "the matched order was funded and assigned");
        var created = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}");
        Assert.Equal(3, created.GetProperty("units").GetInt32());
        Assert.Equal(180.00m, created.GetProperty("amount").GetDecimal());
        var unmet = await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/unmet-needs");
        Assert.Contains(unmet.EnumerateArray(), p => p.GetProperty("id").GetGuid() == plan);

        // Supervision counts the unmet need (ServiceNeedUnmatched → Funding's KPIs), by township and by item.
        var supervisor = await county.ClientForAsync("supervisor");
        await MessagingHost.EventuallyAsync(async () =>
        {
            var byItem = await supervisor.GetFromJsonAsync<JsonElement>("/api/funding/kpis?by=Item");
            return byItem.GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == "meal-assistance" && r.GetProperty("unmetNeeds").GetInt32() >= 1);
        }, "the unmet meal-assistance need is in the KPIs");
    }

    [Fact]
    public async Task Matching_waits_visibly_while_the_provider_network_is_away_and_continues_by_itself_when_it_returns()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var provider = await Plans.ContractedCareProviderAsync(county);
        var (household, plan) = await Plans.DraftedPlanAsync(county, "201");
        // Delivery knows the contract once a contract-priced order for it gets past the contract check (units left invalid: nothing is created).
        await MessagingHost.EventuallyAsync(async () =>
        {
            var probe = await caseworker.PostAsJsonAsync("/api/delivery/work-orders",
                new { householdId = household, itemCode = "daily-care", providerId = provider.ToString(), units = 0, standardMinutes = 60 });
            return !(await probe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unitPrice", out _);
        }, "Delivery learned the contract");

        await county.StopResourceAsync(ResourceNames.Provider);
        JsonElement waiting;
        try
        {
            var approved = await caseworker.PostAsync($"/api/delivery/plans/{plan}/approve", null);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            waiting = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray()
                .Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
        }
        finally
        {
            await county.StartResourceAsync(ResourceNames.Provider);
        }

        Assert.True(waiting.GetProperty("awaitingMatch").GetBoolean());
        Assert.False(waiting.GetProperty("unmet").GetBoolean());
        Assert.Contains("自动重新匹配", waiting.GetProperty("matchExplanation").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/unmet-needs")).EnumerateArray(), p => p.GetProperty("id").GetGuid() == plan);

        // The rematcher tries again by itself (15 s, 30 s, 1 min …); impatient caseworkers pressing "match" at the same
        // time change nothing about the outcome: one provider, one order.
        var presses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => caseworker.PostAsync($"/api/delivery/plans/{plan}/match", null)));
        Assert.All(presses, p => Assert.True(p.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, p.StatusCode.ToString()));
        Guid order = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var line = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{plan}")).GetProperty("lines").EnumerateArray()
                .Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
            order = line.GetProperty("workOrderId").ValueKind == JsonValueKind.String ? line.GetProperty("workOrderId").GetGuid() : default;
            return order != default && line.GetProperty("providerId").GetString() == provider.ToString() && !line.GetProperty("awaitingMatch").GetBoolean();
        }, "the waiting line was matched once Provider answered again", TimeSpan.FromMinutes(3));
        await MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString() == "Assigned",
            "the order made after the wait was funded and assigned");
        await Task.Delay(PlanRematcherInterval);
        // One order for the week it was matched in (the recurrence adds the next week's ahead of time, a period of its own).
        var orders = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}");
        var week = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("periodStarts").GetString();
        Assert.Equal([order], orders.EnumerateArray().Where(o => o.GetProperty("itemCode").GetString() == "daily-care" && o.GetProperty("periodStarts").GetString() == week)
            .Select(o => o.GetProperty("id").GetGuid()));
    }

    private static readonly TimeSpan PlanRematcherInterval = TimeSpan.FromSeconds(15);
}
