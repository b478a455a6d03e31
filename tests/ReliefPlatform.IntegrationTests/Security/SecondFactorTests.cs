using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Identity;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>A county user enrols an authenticator on the sign-in site; from then on a password alone gets no token.</summary>
[Collection(CountyCollection.Name)]
public sealed class SecondFactorTests(CountyAppFixture county)
{
    [Fact]
    public async Task After_enrolling_an_authenticator_a_county_user_needs_the_current_code_to_get_a_token()
    {
        // An administrator of its own: the demo county-admin, which every other test signs in as, keeps no authenticator.
        var userName = Accounts.NewUserName("admin-2fa");
        var (_, password) = await Accounts.CreateActiveAsync(county, await county.ClientForAsync("county-admin"), userName, new { userName, role = "county-admin" });
        using var browser = Accounts.Browser(county);
        var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var key = (await browser.GetFromJsonAsync<JsonElement>("/account/authenticator")).GetProperty("sharedKey").GetString()!;
        var wrong = await browser.PostAsJsonAsync("/account/authenticator", new { code = "000000" == Authenticator.Code(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enrolled = await browser.PostAsJsonAsync("/account/authenticator", new { code = Authenticator.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);

        var passwordOnly = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync(userName, password));
        Assert.Contains("动态验证码", passwordOnly.Message, StringComparison.Ordinal);

        var withCode = await county.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api",
            ["username"] = userName, ["password"] = password, ["totp"] = Authenticator.Code(key),
        }));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }
}
