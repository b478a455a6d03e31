using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.EndToEnd;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A provider's standing on its page, in Debian's Chromium through the gateway, and what matching does with it: the
/// caseworker suspends a contracted care provider (the reason first required beside its field), and a household it is
/// paired with — which it would otherwise get first — is matched to someone else or listed unmet, never to it; the
/// caseworker cannot reinstate it, the county administrator at another desk does, and matching gives it work again. Its
/// contact corrected on the page shows masked; every step is on Provider's audit chain without the reason's or the
/// contact's words.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalProviderStandingTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Reason = "服务质量投诉核查期间暂停";

    [Fact]
    public async Task A_suspended_provider_gets_no_matched_work_until_another_person_reinstates_it_and_each_step_is_audited()
    {
        var caseworkerApi = await County.ClientForAsync("caseworker");
        var care = await Plans.CareContractAsync(County);
        var provider = care.Provider;

        // Baseline: paired with a household, the provider gets its daily care (its capability, certificate and contract reached Delivery).
        var (first, firstPlan) = await Plans.DraftedPlanAsync(County, "202");
        await Plans.ApproveAndMatchDailyCareAsync(County, first, firstPlan, provider);
        var firstOrder = (await caseworkerApi.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{firstPlan}")).GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("itemCode").GetString() == "daily-care").GetProperty("workOrderId").GetGuid();
        var (during, duringPlan) = await Plans.DraftedPlanAsync(County, "203");
        var (after, afterPlan) = await Plans.DraftedPlanAsync(County, "204");
        await PairAsync(caseworkerApi, during, provider);
        await PairAsync(caseworkerApi, after, provider);

        var (caseworkerContext, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.OpenAsync($"/providers/{provider}");
        var standing = caseworker.Page.GetByTestId("provider-standing");
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-status")).ToHaveTextAsync("已入库");
        await Assertions.Expect(standing.GetByRole(AriaRole.Button, new() { Name = "恢复" })).ToHaveCountAsync(0);

        // Suspending needs its reason: the API's message beside the field, nothing moved.
        await standing.GetByRole(AriaRole.Button, new() { Name = "暂停" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#standing-reason-error")).ToHaveTextAsync("请写明原因（不超过 1000 字）。");
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-status")).ToHaveTextAsync("已入库");
        await caseworker.Page.Locator("#standing-reason").FillAsync(Reason);
        await standing.GetByRole(AriaRole.Button, new() { Name = "暂停" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-status")).ToHaveTextAsync("暂停");
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToContainTextAsync("已暂停，恢复前不会派单。");
        var history = caseworker.Page.Locator("[data-testid=provider-history] tbody tr").Last;
        await Assertions.Expect(history).ToContainTextAsync("已入库 → 暂停");
        await Assertions.Expect(history).ToContainTextAsync(Reason);
        // Only a county administrator reinstates: the caseworker is not offered it.
        await Assertions.Expect(standing.GetByRole(AriaRole.Button, new() { Name = "恢复" })).ToHaveCountAsync(0);
        await caseworker.AssertAccessibleAsync();
        await caseworker.ScreenshotAsync("portal-provider-standing");

        // The first household's order, which nobody else was contracted to take, was cancelled; its page still names the
        // provider — by name, with its standing — not by an id.
        var providerName = (await caseworkerApi.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}")).GetProperty("provider").GetProperty("name").GetString();
        await MessagingHost.EventuallyAsync(async () =>
            (await caseworkerApi.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{firstOrder}")).GetProperty("status").GetString() == "Cancelled",
            "the suspended provider's order nobody else could take was cancelled");
        await caseworker.OpenAsync($"/work-orders/{firstOrder}");
        await Assertions.Expect(caseworker.Page.GetByTestId("order-provider")).ToHaveTextAsync($"{providerName}（暂停）");
        await caseworker.OpenAsync($"/providers/{provider}");

        // Provider's answer for the paired household: not eligible, because suspended; matching gives its care to another provider or lists it unmet, not to it.
        var refused = await EligibilityOfAsync(caseworkerApi, during, provider);
        Assert.False(refused.GetProperty("eligible").GetBoolean());
        Assert.Contains(refused.GetProperty("reasons").EnumerateArray(),
            r => r.GetProperty("rule").GetString() == "status" && !r.GetProperty("met").GetBoolean() && r.GetProperty("explanation").GetString() == "已暂停，恢复前不能派单。");
        var skipped = await ApproveAndMatchAsync(duringPlan);
        Assert.NotEqual(provider.ToString(), skipped.GetProperty("providerId").GetString());

        // The correction of the contact: a bad phone is refused beside it; then saved and shown masked.
        await caseworker.Page.Locator("#edit-contact-name").FillAsync("李秀梅");
        await caseworker.Page.Locator("#edit-contact-phone").FillAsync("1385678");
        await caseworker.Page.GetByTestId("provider-details-form").GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#edit-contact-phone-error")).ToHaveTextAsync("联系电话应为 11 位手机号或带区号的固定电话（如 0564-5021234）。");
        await caseworker.Page.Locator("#edit-contact-phone").FillAsync("13912345678");
        await caseworker.Page.GetByTestId("provider-details-form").GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToContainTextAsync("的登记信息。");
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-contact")).ToHaveTextAsync("李** 139****5678");
        Assert.DoesNotContain("13912345678", await caseworker.MainAsync(), StringComparison.Ordinal);

        // A renewed certificate recorded on the page: type and validity required first; then listed beside the old one, its number masked.
        var qualifications = caseworker.Page.GetByTestId("qualification-form");
        await caseworker.Page.Locator("#qual-number").FillAsync("YL2026001234");
        await qualifications.GetByRole(AriaRole.Button, new() { Name = "登记资质" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#qual-type-error")).ToContainTextAsync("证书类型应为");
        await Assertions.Expect(caseworker.Page.Locator("#qual-until-error")).ToHaveTextAsync("请填写证书的有效期（起止日期）。");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var until = today.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await caseworker.Page.Locator("#qual-type").SelectOptionAsync("elderly-care-worker");
        await caseworker.Page.Locator("#qual-from").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await caseworker.Page.Locator("#qual-until").FillAsync(until);
        await qualifications.GetByRole(AriaRole.Button, new() { Name = "登记资质" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToContainTextAsync($"有效期至 {until}。");
        var certificates = caseworker.Page.Locator("[data-testid=provider-qualifications] tr[data-qualification='elderly-care-worker']");
        await Assertions.Expect(certificates).ToHaveCountAsync(2);
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-qualifications")).ToContainTextAsync("YL********34");
        Assert.DoesNotContain("YL2026001234", await caseworker.MainAsync(), StringComparison.Ordinal);
        await caseworker.AssertAccessibleAsync();
        await caseworkerContext.DisposeAsync();

        // The county administrator, at another desk, reinstates it (a reason again); matching gives the paired household's care to it.
        var (adminContext, admin) = await OpenAsync();
        await admin.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await admin.OpenAsync($"/providers/{provider}");
        var adminStanding = admin.Page.GetByTestId("provider-standing");
        await adminStanding.GetByRole(AriaRole.Button, new() { Name = "恢复" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#standing-reason-error")).ToHaveTextAsync("请写明原因（不超过 1000 字）。");
        await admin.Page.Locator("#standing-reason").FillAsync("核查结束，投诉不成立");
        await adminStanding.GetByRole(AriaRole.Button, new() { Name = "恢复" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("provider-status")).ToHaveTextAsync("已入库");
        await Assertions.Expect(admin.Page.Locator("[data-testid=provider-history] tbody tr").Last).ToContainTextAsync("暂停 → 已入库");
        await admin.AssertAccessibleAsync();
        await adminContext.DisposeAsync();

        Assert.True((await EligibilityOfAsync(caseworkerApi, after, provider)).GetProperty("eligible").GetBoolean());
        var matched = await ApproveAndMatchAsync(afterPlan);
        Assert.Equal(provider.ToString(), matched.GetProperty("providerId").GetString());

        // Provider's audit chain: each step and the correction, by subject — the states and which detail changed, none of the words.
        var supervisor = await County.ClientForAsync("supervisor");
        var entries = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/provider/audit?subject=provider:{provider}")).GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Details: e.GetProperty("details").GetString() ?? "")).ToList();
        Assert.Contains(("provider.suspend", "from=Approved; to=Suspended"), entries);
        Assert.Contains(("provider.reinstate", "from=Suspended; to=Approved"), entries);
        Assert.Contains(("provider.details", "changed=contact"), entries);
        Assert.All(entries, e => Assert.DoesNotContain("李秀梅", e.Details, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("13912345678", e.Details, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(Reason, e.Details, StringComparison.Ordinal));
        Assert.True((await supervisor.GetFromJsonAsync<JsonElement>("/api/provider/audit/verify")).GetProperty("intact").GetBoolean());
    }

    private static async Task PairAsync(HttpClient caseworker, Guid household, Guid provider) =>
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync("/api/provider/pairings", new
        {
            householdId = household, townshipCode = Plans.Hengshan, pairerKind = "Organisation", pairerId = provider, visitsPerMonth = 4,
            from = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        })).StatusCode);

    private static async Task<JsonElement> EligibilityOfAsync(HttpClient caseworker, Guid household, Guid provider) =>
        (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/eligibility?itemCode=daily-care&townshipCode={Plans.Hengshan}&householdId={household}"))
            .EnumerateArray().Single(e => e.GetProperty("providerId").GetGuid() == provider);

    /// <summary>Approves the plan as 衡山镇's staff and returns its daily-care line once matching has decided it (a provider, or unmet — not still waiting for Provider).</summary>
    private async Task<JsonElement> ApproveAndMatchAsync(Guid plan)
    {
        var caseworker = await County.ClientForAsync("caseworker");
        Assert.Equal(HttpStatusCode.OK, (await (await County.ClientForAsync("township-hengshan")).PostAsync($"/api/delivery/plans/{plan}/approve", null)).StatusCode);
        JsonElement line = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var matched = await caseworker.PostAsync($"/api/delivery/plans/{plan}/match", null);
            line = (await matched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray()
                .Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
            return !line.GetProperty("awaitingMatch").GetBoolean()
                && (line.GetProperty("providerId").ValueKind == JsonValueKind.String || line.GetProperty("unmet").GetBoolean());
        }, "matching decided the daily-care line", TimeSpan.FromMinutes(2));
        return line;
    }
}
