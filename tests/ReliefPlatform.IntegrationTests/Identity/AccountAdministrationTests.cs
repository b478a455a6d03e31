using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Identity;

/// <summary>
/// A county administrator creates accounts for every role through the gateway; each holder activates theirs with the
/// one-time code and signs in with exactly the walls of their role and bindings. Bad requests are refused field by
/// field with nothing created; only county administrators reach any of it; every act is in Identity's audit chain.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class AccountAdministrationTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public async Task Every_role_gets_an_account_its_holder_activates_and_whose_token_carries_exactly_its_bindings()
    {
        var admin = await county.ClientForAsync("county-admin");
        var provider = await ApprovedProviderAsync();
        var staff = Accounts.NewUserName("hs-staff");
        var visitor = Accounts.NewUserName("hs-visit");
        var providerStaff = Accounts.NewUserName("pv-staff");
        var officer = Accounts.NewUserName("dpf-officer");

        var (staffId, staffPassword) = await Accounts.CreateActiveAsync(county, admin, staff, new { userName = staff, role = "township-staff", townshipCode = Hengshan, displayName = " 陈小红 " });
        var (_, visitorPassword) = await Accounts.CreateActiveAsync(county, admin, visitor,
            new { userName = visitor, role = "village-visitor", townshipCode = Hengshan, villageCodes = new[] { $"{Hengshan}201", $"{Hengshan}203" } });
        var (providerStaffId, providerPassword) = await Accounts.CreateActiveAsync(county, admin, providerStaff,
            new { userName = providerStaff, role = "provider-staff", providerId = provider });
        var (_, officerPassword) = await Accounts.CreateActiveAsync(county, admin, officer,
            new { userName = officer, role = "department-officer", departmentCode = "disabled-persons-federation" });

        var staffClaims = Accounts.Claims(await county.TokenAsync(staff, staffPassword));
        Assert.Equal(("township-staff", Hengshan), (staffClaims.GetProperty("role").GetString(), staffClaims.GetProperty("township_code").GetString()));
        // Pages greet the person by the display name the token carries; the user name stays the account's name.
        Assert.Equal(("陈小红", staff), (staffClaims.GetProperty("display_name").GetString(), staffClaims.GetProperty("name").GetString()));
        var visitorClaims = Accounts.Claims(await county.TokenAsync(visitor, visitorPassword));
        Assert.Equal([$"{Hengshan}201", $"{Hengshan}203"], visitorClaims.GetProperty("village_code").EnumerateArray().Select(v => v.GetString()).Order());
        var providerClaims = Accounts.Claims(await county.TokenAsync(providerStaff, providerPassword));
        Assert.Equal(("provider-staff", provider.ToString()), (providerClaims.GetProperty("role").GetString(), providerClaims.GetProperty("provider_id").GetString()));
        Assert.False(providerClaims.TryGetProperty("township_code", out _));
        var officerClaims = Accounts.Claims(await county.TokenAsync(officer, officerPassword));
        Assert.Equal(("department-officer", "disabled-persons-federation"),
            (officerClaims.GetProperty("role").GetString(), officerClaims.GetProperty("department_code").GetString()));

        // Their walls: township staff in their own township only; provider staff and officers in no township's worklist.
        var staffClient = await Accounts.ClientAsync(county, staff, staffPassword);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staffClient.GetAsync($"/api/townships/{Foziling}/worklist")).StatusCode);
        var officerClient = await Accounts.ClientAsync(county, officer, officerPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerClient.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        var providerClient = await Accounts.ClientAsync(county, providerStaff, providerPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await providerClient.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerClient.GetAsync("/api/identity/accounts")).StatusCode);

        // The administrator's list: found by name, role, township and provider, with the last sign-in.
        var byName = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/accounts?search={staff}");
        var listed = Assert.Single(byName.GetProperty("items").EnumerateArray());
        Assert.Equal((staffId, "active", "乡镇工作人员", "衡山镇"), (listed.GetProperty("id").GetString(), listed.GetProperty("status").GetString(),
            listed.GetProperty("roleName").GetString(), listed.GetProperty("townshipName").GetString()));
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lastSignInAt").ValueKind);
        var byProvider = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/accounts?providerId={provider}");
        Assert.Equal([providerStaffId], byProvider.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        var byDepartment = await admin.GetFromJsonAsync<JsonElement>("/api/identity/accounts?role=department-officer&departmentCode=disabled-persons-federation&pageSize=200");
        Assert.Contains(officer, byDepartment.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("userName").GetString()));

        // Identity's audit chain has the creation, the activation and the sign-in — and no password.
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject=account:{staffId}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("account.created", actions);
        Assert.Contains("account.activated", actions);
        Assert.Contains("sign-in.succeeded", actions);
        Assert.DoesNotContain(staffPassword, audit.ToString(), StringComparison.Ordinal);
        var verified = await admin.GetFromJsonAsync<JsonElement>("/api/identity/audit/verify");
        Assert.True(verified.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_new_county_account_sets_its_password_and_is_sent_to_enrol_an_authenticator()
    {
        var admin = await county.ClientForAsync("county-admin");
        var userName = Accounts.NewUserName("cw");
        var (_, code) = await Accounts.CreateAsync(admin, new { userName, role = "county-caseworker" });
        using var browser = Accounts.Browser(county);
        var activated = await Accounts.ActivateAsync(browser, userName, code, Accounts.NewPassword());
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal("/account/enrol", activated.Headers.Location?.OriginalString);

        var enrolPage = await browser.GetStringAsync("/account/enrol");
        Assert.Contains("绑定身份验证器", enrolPage, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", enrolPage, StringComparison.Ordinal);
        var key = (await browser.GetFromJsonAsync<JsonElement>("/account/authenticator")).GetProperty("sharedKey").GetString()!;
        var enrolled = await browser.PostAsync("/account/enrol", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = Security.Authenticator.Code(key) }));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Contains("身份验证器已绑定", await enrolled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/accounts?search={userName}");
        Assert.True(account.GetProperty("items")[0].GetProperty("authenticatorEnrolled").GetBoolean());
    }

    [Fact]
    public async Task Bad_account_requests_are_refused_field_by_field_in_Chinese_and_nothing_is_created()
    {
        var admin = await county.ClientForAsync("county-admin");
        var applied = await Providers.ApplyAsync(await county.ClientForAsync("caseworker"), "charity");
        var cases = new (object Request, string Field)[]
        {
            (new { userName = "caseworker", role = "county-caseworker" }, "userName"),
            (new { userName = "张三", role = "county-caseworker" }, "userName"),
            (new { userName = "341525199001011234", role = "county-caseworker" }, "userName"),
            (new { userName = Accounts.NewUserName("x"), role = "county-caseworker", displayName = "张三13800001234" }, "displayName"),
            (new { userName = Accounts.NewUserName("x"), role = "mayor" }, "role"),
            (new { userName = Accounts.NewUserName("x"), role = "township-staff", townshipCode = "341525999" }, "townshipCode"),
            (new { userName = Accounts.NewUserName("x"), role = "township-staff" }, "townshipCode"),
            (new { userName = Accounts.NewUserName("x"), role = "county-caseworker", townshipCode = Hengshan }, "townshipCode"),
            (new { userName = Accounts.NewUserName("x"), role = "village-visitor", townshipCode = Hengshan, villageCodes = new[] { $"{Foziling}201" } }, "villageCodes"),
            (new { userName = Accounts.NewUserName("x"), role = "provider-staff", providerId = Guid.NewGuid() }, "providerId"),
            (new { userName = Accounts.NewUserName("x"), role = "provider-staff", providerId = applied }, "providerId"),
            (new { userName = Accounts.NewUserName("x"), role = "department-officer", departmentCode = "tax" }, "departmentCode"),
            (new { userName = Accounts.NewUserName("x"), role = "department-officer" }, "departmentCode"),
            (new { userName = Accounts.NewUserName("x"), role = "finance", departmentCode = "education" }, "departmentCode"),
        };
        foreach (var (request, field) in cases)
        {
            var response = await admin.PostAsJsonAsync("/api/identity/accounts", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{JsonSerializer.Serialize(request)}: no error for {field} in {errors}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);

            var name = JsonSerializer.SerializeToElement(request).GetProperty("userName").GetString()!;
            if (name.StartsWith("x-", StringComparison.Ordinal))
            {
                var found = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/accounts?search={name}");
                Assert.Equal(0, found.GetProperty("total").GetInt32());
            }
        }
    }

    [Fact]
    public async Task Activation_refuses_weak_and_reused_passwords_and_expired_used_or_guessed_codes_alike()
    {
        var admin = await county.ClientForAsync("county-admin");
        var userName = Accounts.NewUserName("fz-staff");
        var (id, code) = await Accounts.CreateAsync(admin, new { userName, role = "township-staff", townshipCode = Foziling });
        using var browser = Accounts.Browser(county);

        async Task<string> RefusedAsync(string name, string withCode, string password, string? confirm = null)
        {
            var response = await Accounts.ActivateAsync(browser, name, withCode, password, confirm);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("密码至少12位", await RefusedAsync(userName, code, "Ab1"), StringComparison.Ordinal);
        Assert.Contains("太常见", await RefusedAsync(userName, code, "Password123456"), StringComparison.Ordinal);
        Assert.Contains("不能包含用户名", await RefusedAsync(userName, code, $"Q9{userName}"), StringComparison.Ordinal);
        Assert.Contains("不一致", await RefusedAsync(userName, code, Accounts.NewPassword(), Accounts.NewPassword()), StringComparison.Ordinal);

        // A wrong user name and a wrong code get the same page.
        var unknownUser = await RefusedAsync(Accounts.NewUserName("nobody"), code, Accounts.NewPassword());
        var wrongCode = await RefusedAsync(userName, "AAAA-BBBB-CCCC-DDDD", Accounts.NewPassword());
        Assert.Equal(Normalise(unknownUser), Normalise(wrongCode));

        var first = Accounts.NewPassword();
        Assert.Equal(HttpStatusCode.OK, (await Accounts.ActivateAsync(browser, userName, code, first)).StatusCode);
        Assert.Contains("激活码", await RefusedAsync(userName, code, Accounts.NewPassword()), StringComparison.Ordinal);

        // A reissued code (a forgotten password): the old password may not come back; the new one replaces it.
        var reissued = await admin.PostAsync($"/api/identity/accounts/{id}/activation", null);
        var second = (await reissued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Contains("不能与原密码相同", await RefusedAsync(userName, second, first), StringComparison.Ordinal);
        var newPassword = Accounts.NewPassword();
        Assert.Equal(HttpStatusCode.OK, (await Accounts.ActivateAsync(browser, userName, second, newPassword)).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(userName, first));
        Assert.NotEmpty(await county.TokenAsync(userName, newPassword));

        // Five wrong guesses withdraw a code: the right one no longer works either.
        var guessed = (await (await admin.PostAsync($"/api/identity/accounts/{id}/activation", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("code").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            await RefusedAsync(userName, $"WRNG-{i}XXX-YYYY-ZZZZ", Accounts.NewPassword());
        }

        Assert.Equal(Normalise(wrongCode), Normalise(await RefusedAsync(userName, guessed, Accounts.NewPassword())));

        // Past 72 hours a code is refused the same way.
        var late = (await (await admin.PostAsync($"/api/identity/accounts/{id}/activation", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("code").GetString()!;
        await using (var connection = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Identity))))
        {
            await connection.OpenAsync();
            await using var expire = new NpgsqlCommand(
                "UPDATE account_activations SET \"ExpiresAt\" = now() - interval '1 minute' WHERE \"UserId\" = @id AND \"UsedAt\" IS NULL AND \"WithdrawnAt\" IS NULL", connection);
            expire.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        Assert.Equal(Normalise(wrongCode), Normalise(await RefusedAsync(userName, late, Accounts.NewPassword())));
        Assert.NotEmpty(await county.TokenAsync(userName, newPassword));
    }

    [Fact]
    public async Task The_sign_in_page_answers_a_wrong_user_and_a_wrong_password_the_same_way()
    {
        using var browser = Accounts.Browser(county);
        async Task<string> SignInAsync(string userName) =>
            await (await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = userName, ["password"] = Accounts.NewPassword(), ["returnUrl"] = "/",
            }))).Content.ReadAsStringAsync();

        var wrongUser = await SignInAsync(Accounts.NewUserName("nobody"));
        var wrongPassword = await SignInAsync("township-foziling");
        Assert.Contains("用户名或密码不正确", wrongUser, StringComparison.Ordinal);
        Assert.Equal(wrongUser, wrongPassword);
    }

    [Fact]
    public async Task No_administrator_changes_their_own_account_and_another_administrators_authenticator_takes_two()
    {
        var admin = await county.ClientForAsync("county-admin");
        var me = (await admin.GetFromJsonAsync<JsonElement>("/api/identity/accounts?search=county-admin&role=county-admin"))
            .GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "county-admin").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync($"/api/identity/accounts/{me}/role", new { role = "supervisor" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/identity/accounts/{me}/disable", new { reason = "测试" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/identity/accounts/{me}/authenticator/reset", null)).StatusCode);

        var secondName = Accounts.NewUserName("admin2");
        var (secondId, secondPassword) = await Accounts.CreateActiveAsync(county, admin, secondName, new { userName = secondName, role = "county-admin" });
        var second = await Accounts.ClientAsync(county, secondName, secondPassword);
        var thirdName = Accounts.NewUserName("admin3");
        var (thirdId, _) = await Accounts.CreateActiveAsync(county, admin, thirdName, new { userName = thirdName, role = "county-admin" });

        var asked = await admin.PostAsync($"/api/identity/accounts/{thirdId}/authenticator/reset", null);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal("awaiting-approval", (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/identity/accounts/{thirdId}/authenticator/reset/approve", null)).StatusCode);
        var approved = await second.PostAsync($"/api/identity/accounts/{thirdId}/authenticator/reset/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/identity/accounts/{thirdId}/authenticator/reset/approve", null)).StatusCode);

        // A second administrator may not raise their own rights either; the first may change theirs.
        Assert.Equal(HttpStatusCode.Forbidden, (await second.PutAsJsonAsync($"/api/identity/accounts/{secondId}/role", new { role = "county-admin" })).StatusCode);
        var demoted = await admin.PutAsJsonAsync($"/api/identity/accounts/{secondId}/role", new { role = "supervisor" });
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
    }

    [Fact]
    public async Task Only_county_administrators_reach_account_administration_and_nothing_changes_for_anyone_else()
    {
        var admin = await county.ClientForAsync("county-admin");
        var userName = Accounts.NewUserName("target");
        var (id, _) = await Accounts.CreateAsync(admin, new { userName, role = "township-staff", townshipCode = Hengshan });
        var before = await admin.GetStringAsync($"/api/identity/accounts/{id}");

        foreach (var outsider in new[] { "caseworker", "finance", "supervisor", "ops", "township-hengshan", "visitor-hengshan", "provider-demo" })
        {
            var client = await county.ClientForAsync(outsider);
            var calls = new Func<Task<HttpResponseMessage>>[]
            {
                () => client.GetAsync("/api/identity/accounts"),
                () => client.GetAsync($"/api/identity/accounts/{id}"),
                () => client.PostAsJsonAsync("/api/identity/accounts", new { userName = Accounts.NewUserName("evil"), role = "county-admin" }),
                () => client.PutAsJsonAsync($"/api/identity/accounts/{id}/role", new { role = "county-admin" }),
                () => client.PostAsJsonAsync($"/api/identity/accounts/{id}/disable", new { reason = "x" }),
                () => client.PostAsync($"/api/identity/accounts/{id}/enable", null),
                () => client.PostAsync($"/api/identity/accounts/{id}/unlock", null),
                () => client.PostAsync($"/api/identity/accounts/{id}/activation", null),
                () => client.PostAsync($"/api/identity/accounts/{id}/authenticator/reset", null),
                () => client.PostAsync($"/api/identity/accounts/{id}/authenticator/reset/approve", null),
            };
            foreach (var call in calls)
            {
                var response = await call();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{outsider}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await admin.GetStringAsync($"/api/identity/accounts/{id}"));
    }

    [Fact]
    public async Task A_disabled_accounts_live_token_is_refused_within_five_seconds_and_it_signs_in_again_once_enabled()
    {
        var admin = await county.ClientForAsync("county-admin");
        var userName = Accounts.NewUserName("hs-off");
        var (id, password) = await Accounts.CreateActiveAsync(county, admin, userName, new { userName, role = "township-staff", townshipCode = Hengshan });
        var client = await Accounts.ClientAsync(county, userName, password);
        var direct = county.App.CreateHttpClient(ResourceNames.TownshipService("hengshan"));
        direct.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/identity/accounts/{id}/disable", new { reason = " " })).StatusCode);
        var disabled = await admin.PostAsJsonAsync($"/api/identity/accounts/{id}/disable", new { reason = "调离岗位" });
        Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await MessagingHost.EventuallyAsync(async () =>
            (await client.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode == HttpStatusCode.Unauthorized
            && (await direct.GetAsync("/api/township/worklist")).StatusCode == HttpStatusCode.Unauthorized,
            "the disabled account's live token is refused at the gateway and at the centre", TimeSpan.FromSeconds(5));

        // No new token: told only to whoever knows the password; a wrong password reads like any other.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(userName, password));
        Assert.Contains("已停用", refused.Message, StringComparison.Ordinal);
        var guessed = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(userName, Accounts.NewPassword()));
        Assert.Contains("用户名或密码不正确", guessed.Message, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/accounts/{id}/enable", null)).StatusCode);
        var again = await Accounts.ClientAsync(county, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
        var actions = (await admin.GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject=account:{id}")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("account.disabled", actions);
        Assert.Contains("sign-in.not-allowed", actions);
        Assert.Contains("account.enabled", actions);
    }

    [Fact]
    public async Task A_suspended_providers_staff_lose_their_live_tokens_and_get_none_until_it_is_reinstated()
    {
        var admin = await county.ClientForAsync("county-admin");
        var provider = await ApprovedProviderAsync();
        var userName = Accounts.NewUserName("pv-susp");
        var (_, password) = await Accounts.CreateActiveAsync(county, admin, userName, new { userName, role = "provider-staff", providerId = provider });
        var staff = await Accounts.ClientAsync(county, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/delivery/work-orders")).StatusCode);

        var caseworker = await county.ClientForAsync("caseworker");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/suspend", new { reason = "服务质量投诉核查" })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await staff.GetAsync("/api/delivery/work-orders")).StatusCode == HttpStatusCode.Unauthorized,
            "the suspended provider's staff token is refused");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(userName, password));
        Assert.Contains("暂停", refused.Message, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/provider/providers/{provider}/reinstate", new { reason = "核查完毕" })).StatusCode);
        string? token = null;
        await MessagingHost.EventuallyAsync(async () =>
        {
            try
            {
                token = await county.TokenAsync(userName, password);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }, "the reinstated provider's staff get tokens again");
        var back = county.App.CreateHttpClient(ResourceNames.Gateway);
        back.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/api/delivery/work-orders")).StatusCode);
    }

    [Fact]
    public async Task Identitys_audit_chain_refuses_to_be_rewritten()
    {
        await using var connection = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Identity)));
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_entries SET action = 'sign-in.succeeded'", "DELETE FROM audit_entries" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }
    }

    private async Task<Guid> ApprovedProviderAsync()
    {
        var provider = await Providers.OnboardAsync(county, "elderly-care-organisation");
        // Identity learns of the approval from the Provider service's event.
        var admin = await county.ClientForAsync("county-admin");
        await MessagingHost.EventuallyAsync(async () =>
        {
            var probe = await admin.PostAsJsonAsync("/api/identity/accounts", new { userName = "!", role = "provider-staff", providerId = provider });
            return !(await Accounts.ErrorsAsync(probe)).Contains("providerId", StringComparison.Ordinal);
        }, "Identity learnt the provider's approval");
        return provider;
    }

    private static string Normalise(string page) => System.Text.RegularExpressions.Regex.Replace(page, "value=\"[^\"]*\"", "value=\"\"");
}
