using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Identity;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Referrals worked by departments, as the people do it: an approved assessment suggests one, the hub sends it, the
/// education officer accepts and completes it while other departments see nothing of it; one left past its deadline
/// escalates to the hub's overdue list and the township's worklist; KPIs per department.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class DepartmentReferralTests(CountyAppFixture county) : EventListeningTests(county, typeof(ReferralSent), typeof(ReferralClosed), typeof(ReferralDeadlineMissed))
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task An_assessment_suggests_a_referral_the_education_officer_accepts_and_completes_and_another_department_never_sees()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var staff = await County.ClientForAsync("township-foziling");
        var admin = await County.ClientForAsync("county-admin");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "206");
        var answers = await Assessments.AnswersAsync(caseworker, ("school-attendance", ["out-of-school"]), ("chronic-illness", ["frequent"]));
        var assessment = (await (await Assessments.StartAsync(caseworker, household, answers)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);

        // The needs 助学 and 就医 belong to 教育 and 卫健: each is suggested once, for the hub to send.
        JsonElement[] suggestions = [];
        await MessagingHost.EventuallyAsync(async () =>
        {
            suggestions = [.. (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals?status=Suggested")).EnumerateArray()
                .Where(r => r.GetProperty("householdId").GetGuid() == household)];
            return suggestions.Length == 2;
        }, "Delivery suggested the referrals the assessment called for");
        Assert.Equal([("education", "education-support"), ("health", "medical-support")],
            suggestions.Select(s => (s.GetProperty("department").GetString(), s.GetProperty("kind").GetString())).Order());
        Assert.All(suggestions, s => Assert.Equal(assessment, s.GetProperty("assessmentId").GetGuid()));
        var referral = suggestions.Single(s => s.GetProperty("department").GetString() == "education").GetProperty("id").GetGuid();

        var educationName = Accounts.NewUserName("edu");
        var (_, educationPassword) = await Accounts.CreateActiveAsync(County, admin, educationName, new { userName = educationName, role = "department-officer", departmentCode = "education" });
        var education = await Accounts.ClientAsync(County, educationName, educationPassword);
        var labourName = Accounts.NewUserName("hrss");
        var (_, labourPassword) = await Accounts.CreateActiveAsync(County, admin, labourName, new { userName = labourName, role = "department-officer", departmentCode = "human-resources" });
        var labour = await Accounts.ClientAsync(County, labourName, labourPassword);

        // Not the department's until the hub sends it.
        Assert.DoesNotContain((await education.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == referral);
        Assert.Equal(HttpStatusCode.NotFound, (await education.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsync($"/api/delivery/referrals/{referral}/send", null)).StatusCode);

        var sent = await caseworker.PostAsync($"/api/delivery/referrals/{referral}/send", null);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var sentBody = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sent", sentBody.GetProperty("status").GetString());
        Assert.InRange((sentBody.GetProperty("dueBy").GetDateTimeOffset() - sentBody.GetProperty("sentAt").GetDateTimeOffset()).TotalDays, 14.99, 15.01);

        // The education officer sees it — the household by id and township, the need — and nothing that names anyone.
        var listed = Assert.Single((await education.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == referral);
        Assert.Equal((household, Foziling, "助学帮扶（需求评估建议）"),
            (listed.GetProperty("householdId").GetGuid(), listed.GetProperty("townshipCode").GetString(), listed.GetProperty("need").GetString()));
        Assert.DoesNotContain("赵", listed.ToString(), StringComparison.Ordinal);
        Assert.All((await education.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray(),
            r => Assert.Equal("education", r.GetProperty("department").GetString()));
        // Behind the township wall the household itself does not exist for an officer (no township), and complaints are staff's.
        Assert.Equal(HttpStatusCode.NotFound, (await education.GetAsync($"/api/delivery/recipients/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync("/api/delivery/complaints")).StatusCode);

        // Another department: not in its list, not found when it tries to act.
        Assert.DoesNotContain((await labour.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == referral);
        Assert.Equal(HttpStatusCode.NotFound, (await labour.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await labour.PostAsJsonAsync($"/api/delivery/referrals/{referral}/decline", new { outcome = "不属于本部门" })).StatusCode);

        var noReason = await education.PostAsJsonAsync($"/api/delivery/referrals/{referral}/decline", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("退回原因", await Accounts.ErrorsAsync(noReason), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await education.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);
        var completed = await (await education.PostAsJsonAsync($"/api/delivery/referrals/{referral}/complete", new { outcome = "已落实复学，纳入教育资助" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Completed", "已落实复学，纳入教育资助"), (completed.GetProperty("status").GetString(), completed.GetProperty("outcome").GetString()));

        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ReferralClosed>().Any(e => e.ReferralId == referral)), "ReferralClosed left through the outbox");
        var events = JsonSerializer.Serialize(Events.Received<ReferralSent>().Where(e => e.ReferralId == referral)) + JsonSerializer.Serialize(Events.Received<ReferralClosed>().Where(e => e.ReferralId == referral));
        Assert.Contains("education-support", events, StringComparison.Ordinal);
        Assert.All(["助学", "复学", "资助"], word => Assert.DoesNotContain(word, events, StringComparison.Ordinal));

        // The department's KPIs: the hub sees every department, the officer only their own.
        var kpis = await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals/kpis");
        var row = kpis.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "education");
        Assert.True(row.GetProperty("completed").GetInt32() >= 1 && row.GetProperty("sent").GetInt32() >= row.GetProperty("completed").GetInt32());
        Assert.Equal(["education"], (await education.GetFromJsonAsync<JsonElement>("/api/delivery/referrals/kpis")).GetProperty("departments").EnumerateArray()
            .Select(d => d.GetProperty("department").GetString()));
    }

    [Fact]
    public async Task A_referral_left_past_its_deadline_escalates_to_the_hubs_overdue_list_and_the_townships_worklist()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var staff = await County.ClientForAsync("township-foziling");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "205");

        var badKind = await staff.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, kind = "roof", need = "房屋漏雨" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("housing-renovation", await Accounts.ErrorsAsync(badKind), StringComparison.Ordinal);
        // The kind names its department (住建) and its deadline (30 days).
        var sent = await staff.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, kind = "housing-renovation", need = "房屋墙体开裂，需危房鉴定" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var body = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var referral = body.GetProperty("id").GetGuid();
        Assert.Equal(("housing", "住建"), (body.GetProperty("department").GetString(), body.GetProperty("departmentName").GetString()));
        Assert.InRange((body.GetProperty("dueBy").GetDateTimeOffset() - body.GetProperty("sentAt").GetDateTimeOffset()).TotalDays, 29.99, 30.01);
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals?overdue=true")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == referral);

        // The department lets the deadline pass.
        await using (var delivery = new NpgsqlConnection(await County.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery))))
        {
            await delivery.OpenAsync();
            await using var late = new NpgsqlCommand($"""UPDATE referrals SET "DueBy" = now() - interval '1 day' WHERE "Id" = '{referral}'""", delivery);
            Assert.Equal(1, await late.ExecuteNonQueryAsync());
        }

        var overdue = Assert.Single((await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals?overdue=true")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == referral);
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ReferralDeadlineMissed>().Any(e => e.ReferralId == referral)), "the sweeper escalated the referral",
            TimeSpan.FromMinutes(3));
        Assert.DoesNotContain("墙体", JsonSerializer.Serialize(Events.Received<ReferralDeadlineMissed>().Single(e => e.ReferralId == referral)), StringComparison.Ordinal);

        JsonElement onWorklist = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var worklist = await staff.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/worklist");
            onWorklist = worklist.GetProperty("lateReferrals").EnumerateArray().FirstOrDefault(r => r.GetProperty("id").GetGuid() == referral);
            return onWorklist.ValueKind == JsonValueKind.Object;
        }, "the township's worklist shows the overdue referral");
        Assert.Equal((household, "住建"), (onWorklist.GetProperty("householdId").GetGuid(), onWorklist.GetProperty("departmentName").GetString()));

        var housing = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/referrals/kpis")).GetProperty("departments").EnumerateArray()
            .Single(d => d.GetProperty("department").GetString() == "housing");
        Assert.True(housing.GetProperty("overdue").GetInt32() >= 1);

        // Finished late, it leaves the township's worklist.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/referrals/{referral}/decline", new { outcome = "已纳入农村危房改造计划，另行办理" })).StatusCode);
        await MessagingHost.EventuallyAsync(async () =>
            !(await staff.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/worklist")).GetProperty("lateReferrals").EnumerateArray()
                .Any(r => r.GetProperty("id").GetGuid() == referral), "the closed referral left the worklist");
    }
}
