using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Identity;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>协调会商 as the hub and the departments do it: convene, record attendance and a decision, and follow the action item to done.</summary>
[Collection(CountyCollection.Name)]
public sealed class CoordinationMeetingTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    private static readonly string[] Tax = ["tax"];
    private static readonly string[] Justice = ["justice"];
    private static readonly string[] EducationAndHealth = ["education", "health"];

    [Fact]
    public async Task A_meetings_action_item_is_followed_to_done_by_its_department_which_alone_sees_it()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "204");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var refused = await caseworker.PostAsJsonAsync("/api/delivery/meetings", new { kind = "Party", subject = "", departments = Tax });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await Accounts.ErrorsAsync(refused);
        Assert.All(["kind", "subject", "heldOn", "departments"], field => Assert.Contains($"\"{field}\"", errors, StringComparison.Ordinal));

        var convened = await caseworker.PostAsJsonAsync("/api/delivery/meetings", new
        {
            kind = "CaseConference", subject = "因学致困家庭联合帮扶", heldOn = today.ToString("yyyy-MM-dd"),
            departments = EducationAndHealth, householdIds = new[] { household },
        });
        Assert.Equal(HttpStatusCode.Created, convened.StatusCode);
        var meeting = await convened.Content.ReadFromJsonAsync<JsonElement>();
        var id = meeting.GetProperty("id").GetGuid();
        Assert.Equal(("个案会商", household), (meeting.GetProperty("kindName").GetString(), meeting.GetProperty("householdIds")[0].GetGuid()));

        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsJsonAsync($"/api/delivery/meetings/{id}/attendance", new { departments = Justice })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/meetings/{id}/attendance", new { departments = EducationAndHealth })).StatusCode);
        var wrongOwner = await caseworker.PostAsJsonAsync($"/api/delivery/meetings/{id}/decisions", new { decision = "危房鉴定", owner = "housing", dueOn = today.AddDays(7).ToString("yyyy-MM-dd") });
        Assert.Contains("owner", await Accounts.ErrorsAsync(wrongOwner), StringComparison.Ordinal);
        var decided = await (await caseworker.PostAsJsonAsync($"/api/delivery/meetings/{id}/decisions",
            new { decision = "为该户子女落实助学金并安排返校", owner = "education", dueOn = today.AddDays(7).ToString("yyyy-MM-dd") })).Content.ReadFromJsonAsync<JsonElement>();
        var action = decided.GetProperty("actions")[0].GetProperty("id").GetGuid();

        var educationName = Accounts.NewUserName("edu");
        var (_, educationPassword) = await Accounts.CreateActiveAsync(county, admin, educationName, new { userName = educationName, role = "department-officer", departmentCode = "education" });
        var education = await Accounts.ClientAsync(county, educationName, educationPassword);
        var healthName = Accounts.NewUserName("hlt");
        var (_, healthPassword) = await Accounts.CreateActiveAsync(county, admin, healthName, new { userName = healthName, role = "department-officer", departmentCode = "health" });
        var health = await Accounts.ClientAsync(county, healthName, healthPassword);

        // Only the owning department sees and works it; the meeting itself is the hub's.
        Assert.Contains((await education.GetFromJsonAsync<JsonElement>("/api/delivery/meeting-actions?open=true")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == action);
        Assert.DoesNotContain((await health.GetFromJsonAsync<JsonElement>("/api/delivery/meeting-actions")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == action);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsJsonAsync($"/api/delivery/meeting-actions/{action}/done", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync($"/api/delivery/meetings/{id}")).StatusCode);

        // Overdue: the hub sees it on its list until the department finishes it.
        await using (var delivery = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery))))
        {
            await delivery.OpenAsync();
            await using var late = new NpgsqlCommand($"""UPDATE meeting_actions SET "DueOn" = "DueOn" - 30 WHERE "Id" = '{action}'""", delivery);
            Assert.Equal(1, await late.ExecuteNonQueryAsync());
        }

        var overdue = Assert.Single((await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/meeting-actions?overdue=true")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == action);
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await education.PostAsJsonAsync($"/api/delivery/meeting-actions/{action}/follow-up", new { note = "已受理助学金申请" })).StatusCode);
        var done = await (await education.PostAsJsonAsync($"/api/delivery/meeting-actions/{action}/done", new { note = "助学金已发放，学生已返校" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("助学金已发放，学生已返校", done.GetProperty("result").GetString());
        Assert.Contains("已受理助学金申请", done.GetProperty("followUps")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/meeting-actions?overdue=true")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == action);

        var minutes = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/meetings/{id}");
        Assert.Equal(["education", "health"], minutes.GetProperty("attended").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(JsonValueKind.String, minutes.GetProperty("actions")[0].GetProperty("doneAt").ValueKind);
    }
}
