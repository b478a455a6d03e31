using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The provider network on screens, in Debian's Chromium through the gateway: an organisation's application registered
/// (the API's messages beside the fields first), a refusal without its reason refused, the application reviewed by the
/// caseworker and approved by the county administrator at another desk — who cannot approve one they reviewed
/// themselves — and the provider's page with its capabilities, the network's capacity, qualifications and history.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalProviderTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";
    private const string HomeVisit = "home-visit";

    [Fact]
    public async Task An_application_is_registered_reviewed_and_approved_by_two_people_and_the_providers_page_shows_what_it_can_do()
    {
        var creditCode = Providers.NewCreditCode();
        var name = $"霍山县门户测试社工机构{creditCode[^6..]}";
        var (caseworkerContext, caseworker) = await OpenAsync();
        await caseworker.SignInAsync("caseworker", CountyAppFixture.DemoPassword);
        await caseworker.Page.GetByRole(AriaRole.Link, new() { Name = "服务主体", Exact = true }).ClickAsync();
        await caseworker.Page.WaitForURLAsync(caseworker.Url("/providers"));
        // The menu's link renders the page in the running circuit: wait for its heading and form, as a person would.
        await Assertions.Expect(caseworker.Page.GetByRole(AriaRole.Heading, new() { Name = "服务主体库", Level = 1 })).ToBeVisibleAsync();
        var form = caseworker.Page.GetByTestId("provider-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        // Nothing filled in: nothing registered, the API's message beside the kind.
        await form.GetByRole(AriaRole.Button, new() { Name = "登记入库申请" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#new-kind-error")).ToContainTextAsync("服务主体类型应为");
        await caseworker.AssertAccessibleAsync();

        // A social-work organisation without its credit code: the message beside the code.
        await caseworker.Page.Locator("#new-kind").SelectOptionAsync("social-work-organisation");
        await caseworker.Page.Locator("#new-name").FillAsync(name);
        await caseworker.Page.Locator("#new-contact-name").FillAsync("王芳");
        await caseworker.Page.Locator("#new-contact-phone").FillAsync("13856785678");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记入库申请" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#new-credit-code-error")).ToHaveTextAsync("登记的社会组织、养老机构和慈善组织须填写统一社会信用代码。");
        await Assertions.Expect(caseworker.Page.Locator("#new-kind-error")).ToBeEmptyAsync();

        await caseworker.Page.Locator("#new-credit-code").FillAsync(creditCode);
        await form.GetByRole(AriaRole.Button, new() { Name = "登记入库申请" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToHaveTextAsync($"已登记 {name} 的入库申请，待初审。");

        var reader = await County.ClientForAsync("caseworker");
        var applied = (await reader.GetFromJsonAsync<JsonElement>("/api/provider/providers?status=Applied")).EnumerateArray()
            .Single(p => p.GetProperty("creditCode").GetString() == creditCode);
        var id = applied.GetProperty("id").GetGuid();
        var maskedContact = applied.GetProperty("contactName").GetString()!;
        Assert.NotEqual("王芳", maskedContact);

        // The onboarding queue: refusing needs a reason (beside the field, nothing moved); the caseworker reviews, and may not approve.
        await caseworker.OpenAsync("/providers?status=Applied");
        var row = caseworker.Page.Locator($"[data-testid=providers] tr[data-provider='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("已申请");
        await row.GetByRole(AriaRole.Button, new() { Name = "不予通过" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.Locator("#provider-reason-error")).ToHaveTextAsync("请写明原因（不超过 1000 字）。");
        await Assertions.Expect(row).ToContainTextAsync("已申请");
        await row.GetByRole(AriaRole.Button, new() { Name = "初审通过" }).ClickAsync();
        await Assertions.Expect(caseworker.Page.GetByTestId("provider-done")).ToHaveTextAsync($"{name} 已初审，待另一人审批入库。");
        await caseworker.OpenAsync("/providers?status=Reviewed");
        await Assertions.Expect(row).ToContainTextAsync("已初审");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "审批入库" })).ToHaveCountAsync(0);
        await caseworker.AssertAccessibleAsync();
        await caseworker.ScreenshotAsync("portal-providers");

        // The county administrator, at another desk: cannot approve an application they reviewed themselves (the API's wall, in words) …
        var admin = await County.ClientForAsync("county-admin");
        var own = await Providers.ApplyAsync(admin, "social-work-organisation");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/provider/providers/{own}/review", new { })).StatusCode);
        var (adminContext, office) = await OpenAsync();
        await office.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await office.OpenAsync("/providers?status=Reviewed");
        await office.Page.Locator($"[data-testid=providers] tr[data-provider='{own}']").GetByRole(AriaRole.Button, new() { Name = "审批入库" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("provider-problem")).ToHaveTextAsync("初审人不能审批同一服务主体入库，须由另一人审批。");

        // … and approves the caseworker's.
        var officeRow = office.Page.Locator($"[data-testid=providers] tr[data-provider='{id}']");
        await officeRow.GetByRole(AriaRole.Button, new() { Name = "审批入库" }).ClickAsync();
        await Assertions.Expect(office.Page.GetByTestId("provider-done")).ToHaveTextAsync($"{name} 已审批入库。");
        await Assertions.Expect(officeRow).ToHaveCountAsync(0);

        // What it can do and holds, as Provider keeps it: a capability in Foziling and a certificate ending soon.
        await MessagingHost.EventuallyAsync(async () => (await reader.PutAsJsonAsync($"/api/provider/providers/{id}/capabilities",
                new[] { new { itemCode = HomeVisit, townships = new[] { Foziling }, capacity = 3, per = "Week" } })).IsSuccessStatusCode,
            "Provider received the published catalogue");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(HttpStatusCode.Created, (await reader.PostAsJsonAsync($"/api/provider/providers/{id}/qualifications", new
        {
            type = "social-worker", number = "SG2024001234", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            validUntil = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).StatusCode);
        var capacity = (await reader.GetFromJsonAsync<JsonElement>("/api/provider/capacity")).EnumerateArray()
            .Single(c => c.GetProperty("townshipCode").GetString() == Foziling && c.GetProperty("itemCode").GetString() == HomeVisit)
            .GetProperty("weeklyCapacity").GetDecimal();

        // The provider's page, reached from the list.
        await office.OpenAsync("/providers?status=Approved");
        await officeRow.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await office.Page.WaitForURLAsync(office.Url($"/providers/{id}"));
        await Assertions.Expect(office.Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(office.Page.GetByTestId("provider-status")).ToHaveTextAsync("已入库");
        await Assertions.Expect(office.Page.GetByTestId("provider-facts")).ToContainTextAsync(creditCode);
        await Assertions.Expect(office.Page.GetByTestId("provider-facts")).ToContainTextAsync(maskedContact);
        var capability = office.Page.Locator($"[data-testid=provider-capabilities] tr[data-item='{HomeVisit}']");
        await Assertions.Expect(capability).ToContainTextAsync("佛子岭镇");
        await Assertions.Expect(capability).ToContainTextAsync("每周 3 次");
        await Assertions.Expect(capability.GetByTestId("network-capacity"))
            .ToHaveTextAsync($"佛子岭镇 {capacity.ToString("0.#", CultureInfo.InvariantCulture)}");
        var qualification = office.Page.Locator("[data-testid=provider-qualifications] tr[data-qualification='social-worker']");
        await Assertions.Expect(qualification).ToContainTextAsync("即将到期");
        await Assertions.Expect(qualification).Not.ToContainTextAsync("SG2024001234");
        await Assertions.Expect(office.Page.GetByTestId("provider-history")).ToContainTextAsync("已申请 → 已初审");
        await Assertions.Expect(office.Page.GetByTestId("provider-history")).ToContainTextAsync("已初审 → 已入库");
        await office.AssertAccessibleAsync();
        await office.ScreenshotAsync("portal-provider");
        await adminContext.DisposeAsync();
        await caseworkerContext.DisposeAsync();
    }
}
