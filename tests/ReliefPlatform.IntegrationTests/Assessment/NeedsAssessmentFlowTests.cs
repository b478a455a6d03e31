using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>A home visit becomes an approved assessment, the ledger shows it, and Delivery learns the household's needs.</summary>
[Collection(CountyCollection.Name)]
public sealed class NeedsAssessmentFlowTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] MealAndBathing = ["meal", "bathing"];

    [Fact]
    public async Task A_visit_is_scored_approved_by_a_second_person_and_its_needs_reach_Delivery_and_the_ledger()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var staff = await county.ClientForAsync("township-hengshan");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "206");
        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-eating", Dependent), ("adl-bathing", Dependent), ("adl-dressing", Dependent), ("adl-toileting", Dependent),
            ("adl-transfer", Dependent), ("adl-walking", Dependent), ("requested-services", MealAndBathing));

        var started = await Assessments.StartAsync(visitor, household, answers, "老人希望每天有人送饭，女儿在外地打工");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var draft = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal("严重", draft.GetProperty("degreeName").GetString());
        Assert.Contains("disability-care", draft.GetProperty("difficultyTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(24m, draft.GetProperty("result").GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "health").GetProperty("points").GetDecimal());

        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{id}/submit", null)).StatusCode);
        var byVisitor = await visitor.PostAsync($"/api/assessment/assessments/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, byVisitor.StatusCode);
        var approved = await staff.PostAsync($"/api/assessment/assessments/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsync($"/api/assessment/assessments/{id}/approve", null)).StatusCode);

        await MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}")).GetProperty("degree").ValueKind == JsonValueKind.String,
            "Delivery received NeedsAssessed");
        var recipient = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}");
        Assert.Equal("Severe", recipient.GetProperty("degree").GetString());
        Assert.Equal(id, recipient.GetProperty("assessmentId").GetGuid());
        Assert.Equal(
            ["bathing-assistance", "care", "cleaning", "meal-assistance", "rehabilitation"],
            recipient.GetProperty("needCodes").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("送饭", recipient.ToString(), StringComparison.Ordinal);

        var ledger = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?type=disability-care&degree=Severe&needCode=meal-assistance&pageSize=200");
        var row = Assert.Single(ledger.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household);
        Assert.Equal("赵**", row.GetProperty("headName").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(3), DateOnly.Parse(row.GetProperty("reassessmentDueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        // County staff narrowing to the township (or its village) by type: found under the types it has, not under one it lacks.
        var byTownship = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?townshipCode={Hengshan}&type=disability-care&sort=due&pageSize=200");
        Assert.Contains(byTownship.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household);
        var byVillage = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?villageCode={Hengshan}206&type=disability-care&pageSize=200");
        Assert.Contains(byVillage.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household);
        var lacking = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/ledger?townshipCode={Hengshan}&type=no-such-type&pageSize=200");
        Assert.Equal(0, lacking.GetProperty("total").GetInt32());
        var read = await staff.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{id}");
        Assert.Equal("老人希望每天有人送饭，女儿在外地打工", read.GetProperty("statedRequests").GetString());
    }

    [Fact]
    public async Task Whoever_filled_in_an_assessment_cannot_approve_it_and_a_returned_one_can_be_corrected()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "201");
        var started = await Assessments.StartAsync(caseworker, household, await Assessments.AnswersAsync(caseworker));
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await caseworker.PostAsync($"/api/assessment/assessments/{id}/submit", null);

        var own = await caseworker.PostAsync($"/api/assessment/assessments/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("另一人审核", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var returned = await staff.PostAsJsonAsync($"/api/assessment/assessments/{id}/return", new { reason = "住房情况与实际不符，请复核" });
        Assert.Equal("Returned", (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var corrected = await caseworker.PutAsJsonAsync($"/api/assessment/assessments/{id}", new
        {
            place = "home",
            visitedAt = DateTimeOffset.UtcNow.AddHours(-1),
            answers = await Assessments.AnswersAsync(caseworker, ("housing-safety", ["unsafe"])),
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/assessment/assessments/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{id}/approve", null)).StatusCode);
        var afterApproval = await caseworker.PutAsJsonAsync($"/api/assessment/assessments/{id}", new
        {
            place = "home", visitedAt = DateTimeOffset.UtcNow.AddHours(-1), answers = await Assessments.AnswersAsync(caseworker),
        });
        Assert.Equal(HttpStatusCode.Conflict, afterApproval.StatusCode);
    }

    [Fact]
    public async Task Incomplete_answers_get_field_level_errors_in_Chinese_and_nothing_is_saved()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "202");
        var answers = await Assessments.AnswersAsync(caseworker, ("debt", ["lots"]));
        answers.Remove("housing-safety");

        var response = await Assessments.StartAsync(caseworker, household, answers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("请回答“住房安全”。", problem.GetProperty("errors").GetProperty("answers.housing-safety")[0].GetString());
        Assert.StartsWith("“家庭负债”没有选项“lots”", problem.GetProperty("errors").GetProperty("answers.debt")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments")).EnumerateArray());
    }

    [Fact]
    public async Task A_new_instrument_version_scores_new_assessments_and_leaves_approved_results_as_they_were()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var admin = await county.ClientForAsync("county-admin");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "203");
        var answers = await Assessments.AnswersAsync(caseworker, ("income-level", ["below-line"]));
        var first = (await (await Assessments.StartAsync(caseworker, household, answers)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await caseworker.PostAsync($"/api/assessment/assessments/{first}/submit", null);
        await staff.PostAsync($"/api/assessment/assessments/{first}/approve", null);
        var before = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{first}");

        var current = await admin.GetFromJsonAsync<JsonElement>("/api/assessment/instruments/current");
        var changed = System.Text.Json.Nodes.JsonNode.Parse(current.GetRawText())!;
        foreach (var dimension in changed["dimensions"]!.AsArray())
        {
            dimension!["weight"] = dimension["code"]!.GetValue<string>() == "economy" ? 100 : 0;
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync("/api/assessment/instruments", changed)).StatusCode);
        var published = await admin.PostAsJsonAsync("/api/assessment/instruments", changed);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var version = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.True(version > current.GetProperty("version").GetInt32());

        var second = await (await Assessments.StartAsync(caseworker, household, answers)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version, second.GetProperty("instrumentVersion").GetInt32());
        Assert.NotEqual(before.GetProperty("score").GetDecimal(), second.GetProperty("score").GetDecimal());
        var after = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/assessments/{first}");
        Assert.Equal(before.GetProperty("score").GetDecimal(), after.GetProperty("score").GetDecimal());
        Assert.Equal(before.GetProperty("instrumentVersion").GetInt32(), after.GetProperty("instrumentVersion").GetInt32());

        // Put the shipped weights back so other tests score by the instrument they expect.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/assessment/instruments", current)).StatusCode);
    }

    [Fact]
    public async Task An_overdue_reassessment_is_listed_and_announced_to_the_township_once()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "204");
        var id = (await (await Assessments.StartAsync(caseworker, household, await Assessments.AnswersAsync(caseworker))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        await caseworker.PostAsync($"/api/assessment/assessments/{id}/submit", null);
        await staff.PostAsync($"/api/assessment/assessments/{id}/approve", null);

        await using (var db = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment))))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("""UPDATE households SET "ReassessmentDueOn" = current_date - 3 WHERE "Id" = $1""", db);
            command.Parameters.AddWithValue(household);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var overdue = await staff.GetFromJsonAsync<JsonElement>("/api/assessment/ledger?due=overdue&sort=due&pageSize=200");
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetGuid() == household && r.GetProperty("reassessmentOverdue").GetBoolean());
        var summary = await staff.GetFromJsonAsync<JsonElement>("/api/assessment/ledger/summary");
        Assert.True(summary.GetProperty("reassessmentOverdue").GetInt32() >= 1);

        await MessagingHost.EventuallyAsync(async () => await AnnouncedEventsAsync(household) == 1, "ReassessmentDue was published", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await AnnouncedEventsAsync(household));
    }

    private async Task<long> AnnouncedEventsAsync(Guid household)
    {
        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE '%ReassessmentDue%' AND payload::text LIKE '%' || $1 || '%'", db);
        command.Parameters.AddWithValue(household.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
