using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Identity;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// The county administrator's account administration on screens, in Debian's Chromium through the gateway: an account
/// opened for a township's staff (the API's messages beside the fields first), its one-time activation code shown once,
/// the holder activating it and signing in to the portal, then the account disabled with a reason — and no more sign-ins.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class PortalAccountTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_county_administrator_opens_an_account_its_holder_activates_and_then_disables_it()
    {
        var userName = Accounts.NewUserName("pa");
        var (adminContext, admin) = await OpenAsync();
        await admin.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "账户管理" }).ClickAsync();
        await admin.Page.WaitForURLAsync(admin.Url("/accounts"));
        await admin.WaitForCircuitAsync();

        // Nothing filled in: nothing opened, the API's messages beside the fields.
        var form = admin.Page.GetByTestId("account-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "开设账户" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#new-user-name-error")).ToContainTextAsync("用户名须为3至32位小写字母");
        await Assertions.Expect(admin.Page.Locator("#new-role-error")).ToContainTextAsync("角色应为");
        await admin.AssertAccessibleAsync();

        // Township staff must be bound to a township: the API says so beside it.
        await admin.Page.Locator("#new-user-name").FillAsync(userName);
        await admin.Page.Locator("#new-display-name").FillAsync("佛子岭镇民政专干");
        await admin.Page.Locator("#new-role").SelectOptionAsync("township-staff");
        await form.GetByRole(AriaRole.Button, new() { Name = "开设账户" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#new-township-error")).ToHaveTextAsync("乡镇工作人员须绑定一个乡镇（街道）。");

        await admin.Page.Locator("#new-township").SelectOptionAsync(Foziling);
        await form.GetByRole(AriaRole.Button, new() { Name = "开设账户" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("account-done")).ToHaveTextAsync("账户已开设。");
        var activation = await admin.Page.GetByTestId("account-activation").InnerTextAsync();
        Assert.Contains(userName, activation, StringComparison.Ordinal);
        var code = ActivationCode().Match(activation).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(code), activation);

        await admin.OpenAsync($"/accounts?search={userName}");
        var row = admin.Page.Locator($"[data-testid=accounts] tr[data-account='{userName}']");
        await Assertions.Expect(row).ToContainTextAsync("乡镇工作人员");
        await Assertions.Expect(row).ToContainTextAsync("佛子岭镇");
        await Assertions.Expect(row).ToContainTextAsync("待激活");
        await admin.ScreenshotAsync("portal-accounts");

        // The holder activates the account with the code shown and signs in to the portal: no account administration for them.
        var password = Accounts.NewPassword();
        using (var browser = Accounts.Browser(County))
        {
            var activated = await Accounts.ActivateAsync(browser, userName, code, password);
            Assert.True(activated.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"not activated: {(int)activated.StatusCode}");
        }

        var (staffContext, staff) = await OpenAsync();
        await staff.SignInAsync(userName, password);
        await Assertions.Expect(staff.Page.GetByTestId("signed-in-user")).ToContainTextAsync("乡镇工作人员");
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Link, new() { Name = "账户管理" })).ToHaveCountAsync(0);
        await staffContext.DisposeAsync();

        // Disabling needs a reason; then the account is disabled and can no longer get a token.
        await admin.OpenAsync($"/accounts?search={userName}");
        await Assertions.Expect(row).ToContainTextAsync("正常");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#disable-reason-error")).ToHaveTextAsync("请填写停用原因。");
        await admin.Page.Locator("#disable-reason").FillAsync("调离岗位");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("account-done")).ToHaveTextAsync("账户已停用，其登录已立即失效。");
        await Assertions.Expect(row).ToContainTextAsync("已停用");
        await admin.AssertAccessibleAsync();

        var account = (await (await County.ClientForAsync("county-admin")).GetFromJsonAsync<JsonElement>($"/api/identity/accounts?search={userName}"))
            .GetProperty("items").EnumerateArray().Single();
        Assert.Equal("disabled", account.GetProperty("status").GetString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => County.TokenAsync(userName, password));
        await adminContext.DisposeAsync();
    }

    [GeneratedRegex("激活码：(\\S+?)（")]
    private static partial Regex ActivationCode();
}
