using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.EndToEnd;
using ReliefPlatform.IntegrationTests.Identity;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// Issue 22's screens, as the people who use them, in Debian's Chromium through the gateway: a department officer's
/// referrals (only their department's; accept, see whom to contact with a reason, complete); the hub's 协调会商 (convene,
/// attendance, decisions owned by departments, the owner following its item to done, overdue items, printable minutes);
/// 培养队伍 (a person registered, a course, attendance earning a certificate with its expiry); 资源布局 (the page's figures are the API's).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalDepartmentTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task An_education_officer_works_their_departments_referral_and_never_sees_another_departments()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var supervisor = await County.ClientForAsync("supervisor");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "203");
        var schooling = await SendAsync(caseworker, household, "education", "子女辍学，需助学帮扶");
        var clinic = await SendAsync(caseworker, household, "health", "慢性病需定期复诊");
        var late = await SendAsync(caseworker, household, "education", "学前教育资助申请");

        // The education department let one referral's deadline pass.
        await using (var delivery = new NpgsqlConnection(await County.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery))))
        {
            await delivery.OpenAsync();
            await using var overdue = new NpgsqlCommand($"""UPDATE referrals SET "DueBy" = now() - interval '1 day' WHERE "Id" = '{late}'""", delivery);
            Assert.Equal(1, await overdue.ExecuteNonQueryAsync());
        }

        var officerName = Accounts.NewUserName("edu");
        var (officerId, password) = await Accounts.CreateActiveAsync(County, admin, officerName, new { userName = officerName, role = "department-officer", departmentCode = "education" });

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync(officerName, password);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "本部门转介" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/referrals"));
        await portal.WaitForCircuitAsync();

        // Their department's referrals: the household by number, the township, the need — no name; the late one marked.
        await Assertions.Expect(portal.Page.Locator("h1")).ToHaveTextAsync("本部门的转介");
        var row = portal.Page.Locator("tr", new() { Has = portal.Page.GetByTestId($"referral-{schooling}") });
        await Assertions.Expect(row).ToContainTextAsync(household.ToString());
        await Assertions.Expect(row).ToContainTextAsync("佛子岭镇");
        await Assertions.Expect(row).ToContainTextAsync("子女辍学，需助学帮扶");
        await Assertions.Expect(row).ToContainTextAsync("已转介");
        await Assertions.Expect(portal.Page.GetByTestId($"referral-overdue-{late}")).ToHaveTextAsync("已逾期");
        await Assertions.Expect(portal.Page.GetByTestId($"referral-overdue-{schooling}")).ToHaveCountAsync(0);
        await Assertions.Expect(portal.Page.GetByTestId($"referral-{clinic}")).ToHaveCountAsync(0);
        Assert.DoesNotContain("赵", await portal.MainAsync(), StringComparison.Ordinal);
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-department-referrals");

        // Another department's referral, by its address: refused.
        await portal.OpenAsync($"/referrals/{clinic}");
        await Assertions.Expect(portal.Page.Locator("main")).ToContainTextAsync("无权访问");
        Assert.DoesNotContain("复诊", await portal.MainAsync(), StringComparison.Ordinal);

        await portal.OpenAsync("/referrals");
        await portal.Page.GetByTestId($"referral-{schooling}").ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/referrals/{schooling}"));
        await portal.WaitForCircuitAsync();
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "接收" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("referral-status")).ToHaveTextAsync("部门已受理");

        // The contact only with a reason; then the head's name, written to the audit log.
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查看联系方式" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#contact-error")).ToContainTextAsync("请选择查看原因");
        await Assertions.Expect(portal.Page.GetByTestId("contact-name")).ToHaveCountAsync(0);
        await portal.Page.GetByLabel("查看原因").SelectOptionAsync("home-visit");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查看联系方式" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("contact-name")).ToHaveTextAsync("赵大山");
        await portal.AssertAccessibleAsync();

        // Completing asks for the outcome.
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#outcome-error")).ToContainTextAsync("办理结果");
        await portal.Page.GetByLabel("办理结果").FillAsync("已落实复学，纳入教育资助");
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("referral-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(portal.Page.GetByTestId("referral-outcome")).ToHaveTextAsync("已落实复学，纳入教育资助");
        await portal.ScreenshotAsync("portal-department-referral");

        var saved = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/referrals/{schooling}");
        Assert.Equal(("Completed", "已落实复学，纳入教育资助"), (saved.GetProperty("status").GetString(), saved.GetProperty("outcome").GetString()));
        var audit = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/audit?subject=referral:{schooling}")).GetProperty("items").EnumerateArray().ToList();
        var reveal = Assert.Single(audit, e => e.GetProperty("action").GetString() == "personal-data.unmask");
        Assert.Equal(officerId, reveal.GetProperty("actor").GetString());
        Assert.Contains("reason=home-visit", reveal.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("Sent", (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/referrals/{clinic}")).GetProperty("status").GetString());
        await context.DisposeAsync();
    }

    [Fact]
    public async Task The_hub_convenes_a_case_conference_records_its_decisions_and_the_owning_department_follows_its_item_to_done()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "202");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var heldOn = today.AddDays(-10);
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (hubContext, hub) = await OpenAsync();
        await hub.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await hub.Page.GetByRole(AriaRole.Link, new() { Name = "协调会商" }).ClickAsync();
        await hub.Page.WaitForURLAsync(hub.Url("/meetings"));
        await hub.WaitForCircuitAsync();

        // Nothing filled in: nothing convened, the API's messages beside the fields.
        var convene = hub.Page.GetByTestId("convene-form");
        await convene.GetByRole(AriaRole.Button, new() { Name = "召集会议" }).ClickAsync();
        await Assertions.Expect(hub.Page.Locator("#meeting-subject-error")).ToContainTextAsync("请填写会议议题");
        await Assertions.Expect(hub.Page.Locator("#meeting-departments-error")).ToContainTextAsync("请选择受邀的部门或组织");
        await hub.AssertAccessibleAsync();

        var subject = $"困难家庭个案会商 {Guid.NewGuid():N}"[..16];
        await hub.Page.Locator("#meeting-kind").SelectOptionAsync("CaseConference");
        await hub.Page.Locator("#meeting-held-on").FillAsync(Day(heldOn));
        await hub.Page.Locator("#meeting-subject").FillAsync(subject);
        foreach (var invited in new[] { "education", "health", "womens-federation" })
        {
            await hub.Page.Locator($"#invite-{invited}").CheckAsync();
        }

        await hub.Page.Locator("#meeting-cases").FillAsync(household.ToString());
        await convene.GetByRole(AriaRole.Button, new() { Name = "召集会议" }).ClickAsync();
        await hub.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/meetings/[0-9a-f-]{36}$"));
        await hub.WaitForCircuitAsync();
        var meeting = Guid.Parse(new Uri(hub.Page.Url).Segments[^1]);
        await Assertions.Expect(hub.Page.GetByTestId("meeting-subject")).ToHaveTextAsync(subject);

        // Who came, and what was decided: each decision owned by an invited department with a due day.
        await hub.Page.Locator("#attended-education").CheckAsync();
        await hub.Page.Locator("#attended-health").CheckAsync();
        await hub.Page.GetByTestId("attendance-form").GetByRole(AriaRole.Button, new() { Name = "登记出席" }).ClickAsync();
        await Assertions.Expect(hub.Page.GetByTestId("meeting-attended")).ToHaveTextAsync("教育、卫健");

        await Decide(hub, "协调学校落实子女复学", "education", Day(today.AddDays(14)));
        await Decide(hub, "安排家庭医生签约随访", "health", Day(today.AddDays(-3)));
        var saved = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/meetings/{meeting}");
        var actions = saved.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal([("education", Day(today.AddDays(14))), ("health", Day(today.AddDays(-3)))],
            actions.Select(a => (a.GetProperty("owner").GetString(), a.GetProperty("dueOn").GetString())));
        Assert.Equal(["education", "health"], saved.GetProperty("attended").EnumerateArray().Select(d => d.GetString()));
        var schooling = actions[0].GetProperty("id").GetGuid();
        var doctor = actions[1].GetProperty("id").GetGuid();
        await Assertions.Expect(hub.Page.GetByTestId($"action-overdue-{doctor}")).ToHaveTextAsync("已逾期");
        await Assertions.Expect(hub.Page.GetByTestId($"action-overdue-{schooling}")).ToHaveCountAsync(0);
        await hub.AssertAccessibleAsync();
        await hub.ScreenshotAsync("portal-meeting");

        // The hub's list shows the overdue item among the overdue ones.
        await hub.OpenAsync("/meetings");
        await Assertions.Expect(hub.Page.Locator($"[data-testid=overdue-actions] tr[data-action='{doctor}']")).ToContainTextAsync("安排家庭医生签约随访");
        await Assertions.Expect(hub.Page.Locator($"[data-testid=overdue-actions] tr[data-action='{schooling}']")).ToHaveCountAsync(0);

        // The education officer follows their department's item to done, and sees no other department's.
        var officerName = Accounts.NewUserName("edu");
        var (_, password) = await Accounts.CreateActiveAsync(County, admin, officerName, new { userName = officerName, role = "department-officer", departmentCode = "education" });
        var (officerContext, officer) = await OpenAsync();
        await officer.SignInAsync(officerName, password);
        await officer.Page.GetByRole(AriaRole.Link, new() { Name = "会商事项", Exact = true }).ClickAsync();
        await officer.Page.WaitForURLAsync(officer.Url("/meeting-actions"));
        await officer.WaitForCircuitAsync();
        await Assertions.Expect(officer.Page.Locator("h1")).ToHaveTextAsync("本部门承办的会商事项");
        var item = officer.Page.Locator($"tr[data-action='{schooling}']");
        await Assertions.Expect(item).ToContainTextAsync("协调学校落实子女复学");
        await Assertions.Expect(officer.Page.Locator($"tr[data-action='{doctor}']")).ToHaveCountAsync(0);
        await item.GetByRole(AriaRole.Button, new() { Name = "记录进展" }).ClickAsync();
        await Assertions.Expect(officer.Page.Locator($"#note-error-{schooling}")).ToContainTextAsync("请填写进展情况");
        await item.Locator($"#note-{schooling}").FillAsync("已与学校对接，下周返校");
        await item.GetByRole(AriaRole.Button, new() { Name = "记录进展" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("已与学校对接，下周返校");
        await officer.AssertAccessibleAsync();
        await item.Locator($"#note-{schooling}").FillAsync("已复学");
        await item.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(officer.Page.GetByTestId($"action-status-{schooling}")).ToHaveTextAsync("已办结");
        await Assertions.Expect(officer.Page.GetByTestId($"action-result-{schooling}")).ToContainTextAsync("已复学");
        var done = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/meeting-actions?owner=education")).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == schooling);
        Assert.Equal(JsonValueKind.String, done.GetProperty("doneAt").ValueKind);
        Assert.Equal("已复学", done.GetProperty("result").GetString());
        // The meetings themselves are the hub's: an officer's menu has no meetings, and their address is refused.
        await officer.OpenAsync($"/meetings/{meeting}");
        await Assertions.Expect(officer.Page.Locator("main")).ToContainTextAsync("无权访问");
        await officerContext.DisposeAsync();

        // The minutes, printable on A4: the household's name only as the reader's own view of the household shows it.
        await hub.OpenAsync($"/meetings/{meeting}");
        await hub.Page.GetByTestId("minutes-link").ClickAsync();
        await hub.Page.WaitForURLAsync(hub.Url($"/meetings/{meeting}/minutes"));
        await hub.WaitForCircuitAsync();
        var shown = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("members")[0].GetProperty("name").GetString();
        Assert.NotEqual("赵大山", shown);
        await Assertions.Expect(hub.Page.GetByTestId($"minutes-name-{household}")).ToHaveTextAsync(shown!);
        await Assertions.Expect(hub.Page.GetByTestId("minutes-actions")).ToContainTextAsync("协调学校落实子女复学");
        await Assertions.Expect(hub.Page.GetByTestId("minutes-actions")).ToContainTextAsync("已办结");
        await hub.AssertAccessibleAsync();
        await hub.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(hub.Page.Locator(".ant-layout-sider")).ToBeHiddenAsync();
        await Assertions.Expect(hub.Page.Locator("header")).ToBeHiddenAsync();
        await Assertions.Expect(hub.Page.GetByTestId("minutes")).ToBeVisibleAsync();
        await hub.ScreenshotAsync("portal-meeting-minutes");
        // The minutes' own page size: A4 portrait (595 × 842 points), whatever the needs ledger's landscape print asks.
        var pdf = System.Text.Encoding.Latin1.GetString(await hub.Page.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.StartsWith("%PDF", pdf, StringComparison.Ordinal);
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
        Assert.True(box.Success, "the PDF names its page size");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 593, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 840, 844);
        await hubContext.DisposeAsync();
    }

    [Fact]
    public async Task The_resource_layout_shows_a_townships_gaps_ranked_with_the_APIs_figures()
    {
        const string Hengshan = "341525100";
        var (household, _) = await Plans.DraftedPlanAsync(County, "201");
        var caseworker = await County.ClientForAsync("caseworker");

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "资源布局" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/resource-layout"));
        await portal.WaitForCircuitAsync();
        await portal.Page.Locator("#layout-township").SelectOptionAsync(Hengshan);
        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/resource-layout?township={Hengshan}"));
        await portal.WaitForCircuitAsync();

        // Every cell the API ranks for the township, in its order, with its figures — the drafted plan's items among them.
        var layout = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/resource-layout?townshipCode={Hengshan}");
        var cells = layout.GetProperty("cells").EnumerateArray().ToList();
        var plan = (await Plans.DraftOfAsync(caseworker, household)).GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("included").GetBoolean())
            .Select(l => l.GetProperty("itemCode").GetString()!).ToList();
        Assert.NotEmpty(plan);
        Assert.All(plan, item => Assert.Contains(cells, c => c.GetProperty("itemCode").GetString() == item));
        var rows = portal.Page.Locator("[data-testid=layout-cells] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(cells.Count);
        Assert.Equal(cells.Select(c => $"{Hengshan}/{c.GetProperty("itemCode").GetString()}"),
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.cell)"));
        static string Number(JsonElement value) => value.GetDecimal().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            var texts = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            Assert.Equal(c.GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), texts[0]);
            Assert.Equal("衡山镇", texts[1]);
            Assert.Equal(
                [c.GetProperty("demandHouseholds").ToString(), Number(c.GetProperty("demandPerWeek")), c.GetProperty("providers").ToString(), Number(c.GetProperty("supplyPerWeek")),
                 c.GetProperty("deliveredOrders").ToString(), c.GetProperty("servedHouseholds").ToString(), Number(c.GetProperty("shortfallPerWeek"))],
                texts.Skip(3).Take(7));
            var coverage = c.GetProperty("coverage");
            Assert.Equal(coverage.ValueKind == JsonValueKind.Null ? "无数据" : (coverage.GetDecimal() * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%", texts[10]);
            Assert.Equal((c.GetProperty("unservedHouseholds").ToString(), c.GetProperty("gapName").GetString()), (texts[11], texts[12]));
        }

        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-resource-layout");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_registers_a_social_worker_records_a_course_and_the_certificate_earned_shows_its_expiry()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var endsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1);
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var title = $"社会工作实务培训 {Guid.NewGuid():N}"[..16];

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "培养队伍" }).ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url("/workforce"));
        await portal.WaitForCircuitAsync();

        // A name the API refuses: its message beside the field, nobody registered.
        var form = portal.Page.GetByTestId("member-form");
        await portal.Page.Locator("#member-role").SelectOptionAsync("social-worker");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记人员" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#member-name-error")).Not.ToBeEmptyAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.Locator("#member-name").FillAsync("欧阳晓梅");
        await portal.Page.Locator("#member-township").SelectOptionAsync(Foziling);
        await form.GetByRole(AriaRole.Button, new() { Name = "登记人员" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("workforce-done")).ToContainTextAsync("人员已登记");
        var member = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/workforce/members?townshipCode={Foziling}&role=social-worker")).EnumerateArray()
            .Last();
        var memberId = member.GetProperty("id").GetGuid();
        // Shown as the API masks it, never in full.
        await Assertions.Expect(portal.Page.Locator($"tr[data-member='{memberId}']")).ToContainTextAsync(member.GetProperty("name").GetString()!);
        Assert.DoesNotContain("欧阳晓梅", await portal.Page.Locator("[data-testid=workforce-members]").InnerTextAsync(), StringComparison.Ordinal);

        await portal.Page.Locator("#course-title").FillAsync(title);
        await portal.Page.Locator("#course-from").FillAsync(Day(endsOn.AddDays(-4)));
        await portal.Page.Locator("#course-until").FillAsync(Day(endsOn));
        await portal.Page.Locator("#course-hours").FillAsync("40");
        await portal.Page.Locator("#course-certificate").SelectOptionAsync("elderly-care-worker");
        await portal.Page.Locator("#course-months").FillAsync("24");
        await portal.Page.GetByTestId("course-form").GetByRole(AriaRole.Button, new() { Name = "登记培训课程" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("workforce-done")).ToContainTextAsync("课程已登记");
        var course = (await caseworker.GetFromJsonAsync<JsonElement>("/api/provider/workforce/courses")).EnumerateArray().Single(c => c.GetProperty("title").GetString() == title);

        // 36 of 40 hours and passed: at least 80 %, so the certificate is earned, valid from the course's last day for 24 months.
        await portal.Page.Locator("#attendance-course").SelectOptionAsync(course.GetProperty("id").GetGuid().ToString());
        await portal.Page.Locator("#attendance-member").SelectOptionAsync(memberId.ToString());
        await portal.Page.Locator("#attendance-hours").FillAsync("36");
        await portal.Page.Locator("#attendance-passed").CheckAsync();
        await portal.Page.GetByTestId("attendance-form").GetByRole(AriaRole.Button, new() { Name = "登记参训情况" }).ClickAsync();
        var until = Day(endsOn.AddMonths(24).AddDays(-1));
        await Assertions.Expect(portal.Page.GetByTestId("workforce-done")).ToContainTextAsync($"有效期至 {until}");
        await Assertions.Expect(portal.Page.Locator($"tr[data-member='{memberId}']")).ToContainTextAsync("36");

        await portal.Page.Locator($"tr[data-member='{memberId}'] a").ClickAsync();
        await portal.Page.WaitForURLAsync(portal.Url($"/workforce/members/{memberId}"));
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.GetByTestId("certificate-until")).ToHaveTextAsync(until);
        await Assertions.Expect(portal.Page.GetByTestId("member-training")).ToContainTextAsync(title);
        var record = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/workforce/members/{memberId}");
        Assert.Equal(until, Assert.Single(record.GetProperty("certificates").EnumerateArray()).GetProperty("validUntil").GetString());
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-workforce-member");
        await context.DisposeAsync();
    }

    private static async Task Decide(PortalPages hub, string decision, string owner, string dueOn)
    {
        var form = hub.Page.GetByTestId("decision-form");
        await form.Locator("#decision").FillAsync(decision);
        await form.Locator("#decision-owner").SelectOptionAsync(owner);
        await form.Locator("#decision-due").FillAsync(dueOn);
        await form.GetByRole(AriaRole.Button, new() { Name = "记录议定事项" }).ClickAsync();
        await Assertions.Expect(hub.Page.Locator("[data-testid=actions]")).ToContainTextAsync(decision);
    }

    private static async Task<Guid> SendAsync(HttpClient staff, Guid household, string department, string need)
    {
        var sent = await staff.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department, need });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
