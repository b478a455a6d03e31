using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Identity;

/// <summary>Accounts as a county administrator creates them and their holders activate them, through the gateway.</summary>
internal static class Accounts
{
    /// <summary>A password that passes every rule, different each call.</summary>
    public static string NewPassword() => $"Lk{Guid.NewGuid():N}"[..14] + "7Q";

    public static string NewUserName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static async Task<(string Id, string Code)> CreateAsync(HttpClient admin, object request)
    {
        var response = await admin.PostAsJsonAsync("/api/identity/accounts", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"account not created: {(int)response.StatusCode} {body}");
        return (body.GetProperty("account").GetProperty("id").GetString()!, body.GetProperty("activation").GetProperty("code").GetString()!);
    }

    /// <summary>A browser-like client of the gateway: keeps cookies, does not follow redirects.</summary>
    public static HttpClient Browser(CountyAppFixture county) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = county.App.GetEndpoint(ResourceNames.Gateway, "http"),
        };

    public static async Task<HttpResponseMessage> ActivateAsync(HttpClient browser, string userName, string code, string password, string? confirm = null) =>
        await browser.PostAsync("/account/activate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName, ["code"] = code, ["password"] = password, ["confirm"] = confirm ?? password,
        }));

    /// <summary>Creates, activates and returns the account's id and password.</summary>
    public static async Task<(string Id, string Password)> CreateActiveAsync(CountyAppFixture county, HttpClient admin, string userName, object request)
    {
        var (id, code) = await CreateAsync(admin, request);
        var password = NewPassword();
        using var browser = Browser(county);
        var activated = await ActivateAsync(browser, userName, code, password);
        Assert.True(activated.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"not activated: {(int)activated.StatusCode}");
        return (id, password);
    }

    public static async Task<HttpClient> ClientAsync(CountyAppFixture county, string userName, string password)
    {
        var client = county.App.CreateHttpClient(ResourceNames.Gateway);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await county.TokenAsync(userName, password));
        return client;
    }

    /// <summary>The claims an access token carries (its payload, unencrypted by design: ids and codes only).</summary>
    public static JsonElement Claims(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
    }

    public static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").ToString();
}
