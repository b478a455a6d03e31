using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Identity;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;
using ReliefPlatform.IntegrationTests.Security;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Production;

/// <summary>
/// A county going live: started in Production (no demo users, no password grant), its first administrator bootstrapped
/// by the operator's one command, and then — in Debian's Chromium, through the gateway — activated with an authenticator,
/// creating a caseworker, township staff, a provider's staff for an approved provider and a department officer, each of
/// whom activates, signs in with code + PKCE and meets exactly their walls; a disabled account and a suspended
/// provider's staff are refused at the sign-in page. Runs in the county collection so it has the machine to itself.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class GoingLiveTests(ITestOutputHelper output)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    private string step = "starting";

    [Fact]
    public async Task A_county_outside_Development_is_bootstrapped_and_each_new_account_signs_in_in_the_browser_behind_its_walls()
    {
        // A browser that stops answering fails the walk, naming the step, rather than stalling the whole run.
        var walk = GoLiveAsync();
        if (await Task.WhenAny(walk, Task.Delay(TimeSpan.FromMinutes(8))) != walk)
        {
            Assert.Fail($"going live stalled at: {step}");
        }

        await walk;
    }

    /// <summary>Where the walk is: said in the output, and in the failure if it stalls.</summary>
    private void Mark(string what)
    {
        step = what;
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
    }

    private async Task GoLiveAsync()
    {
        Mark("county starting");
        await using var county = await ProductionCounty.StartAsync();
        Mark("county started");
        var origin = county.Origin;
        using var anonymous = new HttpClient { BaseAddress = origin };

        // Nothing of Development: the password grant is not there, nor any demo user.
        var passwordGrant = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api", ["username"] = "county-admin", ["password"] = "Whatever12345",
        }));
        Assert.False(passwordGrant.IsSuccessStatusCode);
        Assert.False((await passwordGrant.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("access_token", out _));

        Mark("BootstrapAdminAsync admin");
        var (exit, printed) = await county.BootstrapAdminAsync("admin");
        Assert.True(exit == 0, printed);
        var code = ActivationCode().Match(printed).Value;
        Assert.NotEmpty(code);

        Mark("bootstrapped; launching Chromium");
        var (playwright, browser) = await Townships.Browser.LaunchAsync();
        Mark("Chromium launched");
        using var playwrightLifetime = playwright;
        await using var browserLifetime = browser;

        // The first administrator activates and enrols an authenticator, as a person would.
        var adminPassword = Accounts.NewPassword();
        Mark("ActivateAsync admin");
        var adminKey = await ActivateAsync(browser, origin, "admin", code, adminPassword, enrol: true);
        Mark("BootstrapAdminAsync admin2");
        var (again, refusal) = await county.BootstrapAdminAsync("admin2");
        Assert.True(again == 1, refusal);

        Mark("BrowserSignIn.SignInAsync admin");
        var (withoutCode, answer) = await BrowserSignIn.SignInAsync(browser, origin, "admin", adminPassword);
        Assert.Null(withoutCode);
        Assert.Contains("动态验证码", answer, StringComparison.Ordinal);
        Mark("BrowserSignIn.AccessTokenAsync admin");
        using var admin = Bearer(origin, await BrowserSignIn.AccessTokenAsync(browser, origin, "admin", adminPassword, adminKey));

        // The administrator's first accounts; each holder activates in the browser.
        var caseworkerPassword = Accounts.NewPassword();
        Mark("ActivateAsync caseworker-li");
        var caseworkerKey = await ActivateAsync(browser, origin, "caseworker-li", await CreateAsync(admin, new { userName = "caseworker-li", role = "county-caseworker" }),
            caseworkerPassword, enrol: true);
        Mark("BrowserSignIn.AccessTokenAsync caseworker-li");
        using var caseworker = Bearer(origin, await BrowserSignIn.AccessTokenAsync(browser, origin, "caseworker-li", caseworkerPassword, caseworkerKey));

        var provider = await Providers.ApplyAsync(admin, "elderly-care-organisation");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/provider/providers/{provider}/approve", new { })).StatusCode);
        string providerCode = "";
        await MessagingHost.EventuallyAsync(async () =>
        {
            var created = await admin.PostAsJsonAsync("/api/identity/accounts", new { userName = "provider-wang", role = "provider-staff", providerId = provider });
            if (created.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            providerCode = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activation").GetProperty("code").GetString()!;
            return true;
        }, "Identity learnt of the provider's approval");

        var staffPassword = Accounts.NewPassword();
        Mark("ActivateAsync hengshan-zhao");
        await ActivateAsync(browser, origin, "hengshan-zhao", await CreateAsync(admin, new { userName = "hengshan-zhao", role = "township-staff", townshipCode = Hengshan }), staffPassword);
        var providerPassword = Accounts.NewPassword();
        Mark("ActivateAsync provider-wang");
        await ActivateAsync(browser, origin, "provider-wang", providerCode, providerPassword);
        var officerPassword = Accounts.NewPassword();
        Mark("ActivateAsync health-sun");
        await ActivateAsync(browser, origin, "health-sun", await CreateAsync(admin, new { userName = "health-sun", role = "department-officer", departmentCode = "health" }), officerPassword);

        // Each signs in through the browser and meets exactly their walls.
        Mark("BrowserSignIn.AccessTokenAsync hengshan-zhao");
        using var staff = Bearer(origin, await BrowserSignIn.AccessTokenAsync(browser, origin, "hengshan-zhao", staffPassword));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/townships/{Foziling}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/identity/accounts")).StatusCode);

        Mark("BrowserSignIn.AccessTokenAsync provider-wang");
        using var providerStaff = Bearer(origin, await BrowserSignIn.AccessTokenAsync(browser, origin, "provider-wang", providerPassword));
        Assert.Equal(HttpStatusCode.OK, (await providerStaff.GetAsync("/api/delivery/work-orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await providerStaff.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        var ownProviders = await providerStaff.GetFromJsonAsync<JsonElement>("/api/provider/providers");
        Assert.Equal([provider], ownProviders.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        Mark("BrowserSignIn.AccessTokenAsync health-sun");
        using var officer = Bearer(origin, await BrowserSignIn.AccessTokenAsync(browser, origin, "health-sun", officerPassword));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/delivery/work-orders")).StatusCode);

        // A disabled account and a suspended provider's staff are refused at the sign-in page, their live tokens too.
        var staffId = (await admin.GetFromJsonAsync<JsonElement>("/api/identity/accounts?search=hengshan-zhao")).GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/identity/accounts/{staffId}/disable", new { reason = "调离岗位" })).StatusCode);
        Mark("BrowserSignIn.SignInAsync hengshan-zhao");
        var (disabled, disabledPage) = await BrowserSignIn.SignInAsync(browser, origin, "hengshan-zhao", staffPassword);
        Assert.Null(disabled);
        Assert.Contains("已停用", disabledPage, StringComparison.Ordinal);
        await MessagingHost.EventuallyAsync(async () => (await staff.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode == HttpStatusCode.Unauthorized,
            "the disabled account's live token is refused", TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/suspend", new { reason = "服务质量投诉核查" })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await providerStaff.GetAsync("/api/delivery/work-orders")).StatusCode == HttpStatusCode.Unauthorized,
            "the suspended provider's staff token is refused");
        Mark("BrowserSignIn.SignInAsync provider-wang");
        var (suspended, suspendedPage) = await BrowserSignIn.SignInAsync(browser, origin, "provider-wang", providerPassword);
        Assert.Null(suspended);
        Assert.Contains("暂停", suspendedPage, StringComparison.Ordinal);
        Mark("done");
        output.WriteLine("bootstrapped, activated 5 accounts, signed each in through Chromium, refused a disabled and a suspended one");
    }

    /// <summary>The activation page as its holder fills it in; a county role is then shown its authenticator to enrol. Returns the key.</summary>
    private static async Task<string?> ActivateAsync(IBrowser browser, Uri origin, string userName, string code, string password, bool enrol = false)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(origin, "/account/activate").ToString());
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("激活码").FillAsync(code);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("再次输入新密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "激活" }).ClickAsync();
        string? key = null;
        if (enrol)
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            Assert.True(new Uri(page.Url).AbsolutePath == "/account/enrol", $"{userName} not sent to enrol: {page.Url} {await page.InnerTextAsync("body")}");
            key = (await page.InnerTextAsync("#shared-key")).Replace(" ", "", StringComparison.Ordinal);
            await page.GetByLabel("身份验证器当前显示的6位动态验证码").FillAsync(Authenticator.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "完成绑定" }).ClickAsync();
            Assert.Contains("身份验证器已绑定", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("账户已激活", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        }

        return key; // the page goes with its context (see BrowserSignIn: no close racing a navigation)
    }

    private static async Task<string> CreateAsync(HttpClient admin, object request) => (await Accounts.CreateAsync(admin, request)).Code;

    private static HttpClient Bearer(Uri origin, string token) =>
        new() { BaseAddress = origin, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    [GeneratedRegex("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}")]
    private static partial Regex ActivationCode();
}
