using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Assessment;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A member's employment status (for 工会's items for workers in difficulty) corrected on the household's page, in Debian's
/// Chromium through the gateway: the API's refusals beside the fields, then the status with the day it holds from and a
/// reason — shown in the member's row, kept by Assessment and written to its audit chain as codes and dates only.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalEmploymentStatusTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_caseworker_corrects_a_members_employment_status_with_its_effective_day_and_reason_and_it_is_audited()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var supervisor = await County.ClientForAsync("supervisor");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "206", People.Member("钱进步", People.IdNumber(48)));
        var member = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("members")[0].GetProperty("id").GetGuid();

        var (context, portal) = await OpenAsync();
        await portal.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await portal.OpenAsync($"/households/{household}");
        await portal.WaitForCircuitAsync();
        await Assertions.Expect(portal.Page.GetByTestId($"member-employment-{member}")).ToHaveTextAsync("");

        var form = portal.Page.GetByTestId("employment-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "更正就业状况" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#employment-member-error")).ToHaveTextAsync("请选择成员。");

        // Nothing else filled in: the API's messages beside each field, nothing changed.
        await portal.Page.Locator("#employment-member").SelectOptionAsync(member.ToString());
        await form.GetByRole(AriaRole.Button, new() { Name = "更正就业状况" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#employment-status-error")).ToContainTextAsync("就业状况应为：在业、灵活就业、务农、失业、退休、在校学生、丧失劳动能力之一。");
        await Assertions.Expect(portal.Page.Locator("#employment-effective-error")).ToHaveTextAsync("请填写生效日期。");
        await Assertions.Expect(portal.Page.Locator("#employment-reason-error")).ToContainTextAsync("请选择更正原因");
        await Assertions.Expect(portal.Page.Locator("#employment-member-error")).ToBeEmptyAsync();
        await portal.AssertAccessibleAsync();

        await portal.Page.Locator("#employment-status").SelectOptionAsync("Unemployed");
        await portal.Page.Locator("#employment-effective").FillAsync(Day(today.AddDays(2))); // two days on: still the future if the county's midnight passes meanwhile
        await portal.Page.Locator("#employment-reason").SelectOptionAsync("changed");
        await form.GetByRole(AriaRole.Button, new() { Name = "更正就业状况" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#employment-effective-error")).ToHaveTextAsync("生效日期不能晚于今天。");
        Assert.Equal(JsonValueKind.Null, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("members")[0].GetProperty("employmentStatusCode").ValueKind);

        var since = today.AddDays(-30);
        await portal.Page.Locator("#employment-effective").FillAsync(Day(since));
        await form.GetByRole(AriaRole.Button, new() { Name = "更正就业状况" }).ClickAsync();
        await Assertions.Expect(portal.Page.GetByTestId("employment-done")).ToContainTextAsync("就业状况已更正");
        await Assertions.Expect(portal.Page.GetByTestId($"member-employment-{member}")).ToHaveTextAsync($"失业（自 {Day(since)} 起）");
        await portal.AssertAccessibleAsync();
        await portal.ScreenshotAsync("portal-employment-status");
        await context.DisposeAsync();

        var saved = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("members")[0];
        Assert.Equal(("失业", "Unemployed", Day(since)),
            (saved.GetProperty("employmentStatus").GetString(), saved.GetProperty("employmentStatusCode").GetString(), saved.GetProperty("employmentStatusSince").GetString()));
        var audit = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=member:{member}")).GetProperty("items").EnumerateArray().ToList();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "member.employment-status");
        Assert.Equal($"from=none;to=Unemployed;effectiveOn={Day(since)};reason=changed", entry.GetProperty("details").GetString());
        Assert.DoesNotContain("钱", entry.GetRawText(), StringComparison.Ordinal);
    }
}
