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

    [Fact]
    public async Task A_county_administrator_changes_anothers_role_and_name_and_resets_their_authenticator_each_audited_but_not_their_own()
    {
        var userName = Accounts.NewUserName("pc");
        var adminApi = await County.ClientForAsync("county-admin");
        var (id, _) = await Accounts.CreateAsync(adminApi, new { userName, displayName = "佛子岭镇民政专干", role = "township-staff", townshipCode = Foziling });

        var (adminContext, admin) = await OpenAsync();
        await admin.SignInAsync("county-admin", CountyAppFixture.DemoPassword);
        await admin.OpenAsync($"/accounts?search={userName}");
        var row = admin.Page.Locator($"[data-testid=accounts] tr[data-account='{userName}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "修改角色或名称" }).ClickAsync();
        var change = admin.Page.GetByTestId("account-change");
        await Assertions.Expect(change.Locator("#change-role")).ToHaveValueAsync("township-staff");

        // A county caseworker keeps no township: the API says so beside it, and nothing changes.
        await change.Locator("#change-role").SelectOptionAsync("county-caseworker");
        await change.GetByRole(AriaRole.Button, new() { Name = "保存角色和绑定" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#change-township-error")).ToHaveTextAsync("县级经办人员不绑定乡镇（街道）。");
        await Assertions.Expect(row).ToContainTextAsync("乡镇工作人员");
        await admin.AssertAccessibleAsync();

        await change.Locator("#change-township").SelectOptionAsync("");
        await change.GetByRole(AriaRole.Button, new() { Name = "保存角色和绑定" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("account-done")).ToHaveTextAsync("角色和绑定已修改，该账户须重新登录。");
        await Assertions.Expect(row).ToContainTextAsync("县级个案工作人员");

        // A display name with digits is refused beside the field (no ID or phone numbers as names); then a proper one.
        await row.GetByRole(AriaRole.Button, new() { Name = "修改角色或名称" }).ClickAsync();
        await change.Locator("#change-display-name").FillAsync("王芳13856785678");
        await change.GetByRole(AriaRole.Button, new() { Name = "保存显示名称" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#change-display-name-error")).ToContainTextAsync("不含数字");
        await change.Locator("#change-display-name").FillAsync("县民政局个案专干");
        await change.GetByRole(AriaRole.Button, new() { Name = "保存显示名称" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("account-done")).ToHaveTextAsync("显示名称已修改。");
        await Assertions.Expect(row).ToContainTextAsync("县民政局个案专干");

        // The authenticator (动态验证码) reset of a caseworker's account is done at once.
        await row.GetByRole(AriaRole.Button, new() { Name = "重置动态验证码" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("account-done")).ToHaveTextAsync($"{userName} 的动态验证码：已重置，下次登录时重新绑定。");

        // On their own account the administrator is offered none of it (Identity refuses it anyway).
        await admin.OpenAsync("/accounts?search=county-admin");
        var own = admin.Page.Locator("[data-testid=accounts] tr[data-account='county-admin']");
        await Assertions.Expect(own.GetByTestId("account-own")).ToBeVisibleAsync();
        await Assertions.Expect(own.GetByRole(AriaRole.Button, new() { Name = "修改角色或名称" })).ToHaveCountAsync(0);
        await Assertions.Expect(own.GetByRole(AriaRole.Button, new() { Name = "重置动态验证码" })).ToHaveCountAsync(0);
        await admin.AssertAccessibleAsync();
        await adminContext.DisposeAsync();

        // Each change is in Identity's audit chain, as the API records it.
        var audit = await adminApi.GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject=account:{id}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("account.role-changed", actions);
        Assert.Contains("account.display-name-changed", actions);
        Assert.Contains("authenticator.reset", actions);
        var account = await adminApi.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{id}");
        Assert.Equal("county-caseworker", account.GetProperty("role").GetString());
        Assert.Equal("县民政局个案专干", account.GetProperty("displayName").GetString());
    }

    [GeneratedRegex("激活码：(\\S+?)（")]
    private static partial Regex ActivationCode();
}
