using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Production;

/// <summary>
/// Signing in as the portal does — authorization code + PKCE through the gateway, the person typing into Identity's
/// sign-in page in Chromium — and taking the code where the portal would receive it.
/// </summary>
internal static class BrowserSignIn
{
    public const string Client = "relief-portal";

    /// <summary>
    /// The sign-in page as the person leaves it, at a PC of their own (a fresh browser context: no one's sign-in left
    /// behind): the code when signed in, else the page's own answer.
    /// </summary>
    public static async Task<(string? Code, string Page)> SignInAsync(IBrowser browser, Uri origin, string userName, string password, string? authenticatorKey = null)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var redirect = new Uri(origin, "/signin-oidc").ToString();
        var (verifier, challenge) = Pkce();
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var page = await context.NewPageAsync();
        var visited = new List<string>();
        page.FrameNavigated += (_, frame) => visited.Add(frame.Url);
        // The code is read off the request the browser makes to the callback (what serves it there does not matter: the
        // code is redeemed here, as the portal's server would).
        var callback = Townships.Browser.WatchNavigationTo(page, redirect);
        await page.GotoAsync(new Uri(origin, "/connect/authorize").ToString()
            + $"?client_id={Client}&response_type=code&scope={Uri.EscapeDataString("openid offline_access relief.api")}"
            + $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state={state}");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        if (authenticatorKey is not null)
        {
            await page.FillAsync("#totp", Security.Authenticator.Code(authenticatorKey));
        }

        await page.ClickAsync("button[type=submit]");
        var done = await Task.WhenAny(callback.Requested, page.WaitForSelectorAsync("p.error", new() { Timeout = 30_000 }));
        if (done != callback.Requested)
        {
            return (null, $"{await page.InnerTextAsync("body")} (pages: {string.Join(" → ", visited)})");
        }

        await callback.Settled; // before the context closes the page
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(await callback.Requested).Query);
        Assert.Equal(state, query["state"]);
        return ($"{query["code"]} {verifier}", "");
    }

    /// <summary>Signs in and exchanges the code for an access token at the token endpoint, as the portal's server does.</summary>
    public static async Task<string> AccessTokenAsync(IBrowser browser, Uri origin, string userName, string password, string? authenticatorKey = null)
    {
        var (codeAndVerifier, page) = await SignInAsync(browser, origin, userName, password, authenticatorKey);
        Assert.True(codeAndVerifier is not null, $"{userName} was not signed in: {page}");
        var parts = codeAndVerifier!.Split(' ');
        using var http = new HttpClient { BaseAddress = origin };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = Client, ["code"] = parts[0], ["code_verifier"] = parts[1],
            ["redirect_uri"] = new Uri(origin, "/signin-oidc").ToString(),
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"code exchange for {userName}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
