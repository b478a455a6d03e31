using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Identity;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A department officer's 工作台 in Debian's Chromium through the gateway: their own department's work — referrals to accept,
/// in hand, overdue; meeting action items open and overdue — counted as their own lists count them, and none of the
/// caseworker's tiles (whose APIs refuse an officer).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalOfficerWorkbenchTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";
    private static readonly string[] Invited = ["human-resources", "health"];

    [Fact]
    public async Task A_department_officers_workbench_counts_their_departments_referrals_and_action_items_and_no_caseworker_queue()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "204");
        var schooling = await SendAsync(caseworker, household, "human-resources", "家庭劳动力失业，需就业帮扶");
        await SendAsync(caseworker, household, "human-resources", "需技能培训");
        await SendAsync(caseworker, household, "health", "慢性病需定期复诊");
        var convened = await caseworker.PostAsJsonAsync("/api/delivery/meetings", new
        {
            kind = "CaseConference", subject = "失业家庭就业帮扶会商", heldOn = today.AddDays(-7), departments = Invited, householdIds = new[] { household },
        });
        Assert.Equal(HttpStatusCode.Created, convened.StatusCode);
        var meeting = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (decision, owner, due) in new[] { ("推荐公益性岗位", "human-resources", today.AddDays(-2)), ("安排技能培训报名", "human-resources", today.AddDays(10)), ("家庭医生随访", "health", today.AddDays(-2)) })
        {
            Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/meetings/{meeting}/decisions", new { decision, owner, dueOn = due })).StatusCode);
        }

        var officerName = Accounts.NewUserName("hr");
        var (_, password) = await Accounts.CreateActiveAsync(County, admin, officerName, new { userName = officerName, role = "department-officer", departmentCode = "human-resources" });
        var officer = await Accounts.ClientAsync(County, officerName, password);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/delivery/referrals/{schooling}/accept", new { })).StatusCode);

        // What the officer's own lists hold (their department's, across the county), counted as a person would count them.
        var referrals = (await officer.GetFromJsonAsync<JsonElement>("/api/delivery/referrals")).EnumerateArray().ToList();
        Assert.All(referrals, r => Assert.Equal("human-resources", r.GetProperty("department").GetString()));
        var actions = (await officer.GetFromJsonAsync<JsonElement>("/api/delivery/meeting-actions?open=true")).EnumerateArray().ToList();
        Assert.All(actions, a => Assert.Equal("human-resources", a.GetProperty("owner").GetString()));
        var expected = new Dictionary<string, int>
        {
            ["referrals-to-accept"] = referrals.Count(r => r.GetProperty("status").GetString() == "Sent"),
            ["referrals-in-hand"] = referrals.Count(r => r.GetProperty("status").GetString() == "Accepted"),
            ["referrals-overdue"] = referrals.Count(r => r.GetProperty("overdue").GetBoolean()),
            ["actions-open"] = actions.Count,
            ["actions-overdue"] = actions.Count(a => a.GetProperty("overdue").GetBoolean()),
        };
        Assert.True(expected["referrals-to-accept"] >= 1 && expected["referrals-in-hand"] >= 1 && expected["actions-open"] >= 2 && expected["actions-overdue"] >= 1,
            string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}")));

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync(officerName, password);
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.GetByTestId("workbench")).ToBeVisibleAsync();
        foreach (var (tile, count) in expected)
        {
            await Assertions.Expect(portal.Page.GetByTestId($"tile-{tile}").Locator(".count")).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // None of the caseworker's queues, and nothing the officer may not read.
        await Assertions.Expect(portal.Page.Locator("[data-testid=workbench] .portal-tile")).ToHaveCountAsync(expected.Count);
        await Assertions.Expect(portal.Page.GetByTestId("tile-plans")).ToHaveCountAsync(0);
        Assert.DoesNotContain("未能取得", await portal.MainAsync(), StringComparison.Ordinal);
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-officer-workbench");

        // The tiles lead to the officer's own lists.
        await portal.Page.GetByTestId("tile-actions-overdue").ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/meeting-actions"));
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("本部门承办的会商事项");
        await context.DisposeAsync();

        // The caseworker's workbench is as it was: their queues, no officer tiles.
        var (hubContext, hub) = await OpenAsync();
        await hub.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await hub.WaitForCircuitAsync();
        await Assertions.Expect(hub.Page.GetByTestId("tile-plans")).ToBeVisibleAsync();
        await Assertions.Expect(hub.Page.GetByTestId("tile-referrals-to-accept")).ToHaveCountAsync(0);
        await hubContext.DisposeAsync();
    }

    private static async Task<Guid> SendAsync(HttpClient staff, Guid household, string department, string need)
    {
        var sent = await staff.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department, need });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
