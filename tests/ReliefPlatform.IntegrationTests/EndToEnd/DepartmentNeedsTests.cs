using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>教育, 居住 and 就业 difficulties come out of an approved assessment and travel on like the other types.</summary>
[Collection(CountyCollection.Name)]
public sealed class DepartmentNeedsTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task Education_housing_and_employment_difficulties_reach_the_ledger_Delivery_and_a_drafted_plan()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var instrument = await caseworker.GetFromJsonAsync<JsonElement>("/api/assessment/instruments/current");
        Assert.True(instrument.GetProperty("version").GetInt32() >= 2);
        Assert.Contains("教育困难", instrument.GetProperty("difficultyTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "205");
        var answers = await Assessments.AnswersAsync(caseworker,
            ("school-attendance", ["out-of-school"]), ("housing-safety", ["unsafe"]), ("employment-status", ["unemployed"]));
        var draft = await (await Assessments.StartAsync(caseworker, household, answers)).Content.ReadFromJsonAsync<JsonElement>();
        var assessment = draft.GetProperty("id").GetGuid();
        Assert.Equal(["education-difficulty", "employment-difficulty", "housing-difficulty"],
            draft.GetProperty("difficultyTypes").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["education-support", "employment-support", "housing-renovation", "skills-training"],
            draft.GetProperty("needCodes").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);

        foreach (var type in new[] { "education-difficulty", "housing-difficulty", "employment-difficulty" })
        {
            var ledger = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?townshipCode={Hengshan}&type={type}&pageSize=200");
            Assert.Contains(ledger.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household);
        }

        var byNeed = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?townshipCode={Hengshan}&needCode=housing-renovation&pageSize=200");
        Assert.Contains(byNeed.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household);

        // Delivery takes the new codes, and the catalogue's matching accepts them: the plan is drafted, not retried forever.
        await MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}")).GetProperty("assessmentId").ValueKind == JsonValueKind.String,
            "Delivery received NeedsAssessed");
        var recipient = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}");
        Assert.Contains("employment-difficulty", recipient.GetProperty("difficultyTypes").EnumerateArray().Select(t => t.GetString()));
        var plan = await Plans.DraftOfAsync(staff, household);
        Assert.Equal(assessment, plan.GetProperty("assessmentId").GetGuid());
    }
}
