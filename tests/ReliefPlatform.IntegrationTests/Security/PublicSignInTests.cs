using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Browser;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// Sign-in as a real deployment sees it: a standard OpenID Connect client library that knows only the gateway's
/// public origin — discovery, authorization code + PKCE in Debian's Chromium, refresh, RP-initiated sign-out — and then
/// the session's tokens and the township pages' cookie refused everywhere.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PublicSignInTests(CountyAppFixture county) : IAsyncLifetime
{
    private const string Heishidu = "341525105";
    private const string Hengshan = "341525100";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private Microsoft.Playwright.IPlaywright _playwright = null!;
    private Microsoft.Playwright.IBrowser _browser = null!;

    private Uri Origin => county.Gateway.BaseAddress!;

    public async Task InitializeAsync() => (_playwright, _browser) = await Townships.Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task The_discovery_document_through_the_gateway_names_only_the_public_origin()
    {
        var identityPort = county.App.GetEndpoint(ResourceNames.Identity, "http").Port;
        using var http = new HttpClient();
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = Origin.ToString(),
            Policy = { RequireHttps = false, ValidateIssuerName = true, ValidateEndpoints = true },
        });

        Assert.False(discovery.IsError, discovery.Error);
        Assert.Equal(Origin.ToString(), discovery.Issuer);
        string?[] endpoints =
        [
            discovery.AuthorizeEndpoint, discovery.TokenEndpoint, discovery.UserInfoEndpoint, discovery.EndSessionEndpoint,
            discovery.RevocationEndpoint, discovery.JwksUri,
        ];
        Assert.All(endpoints, endpoint => Assert.StartsWith(Origin.ToString(), endpoint, StringComparison.Ordinal));
        var document = discovery.Raw!;
        Assert.DoesNotContain($":{identityPort}", document, StringComparison.Ordinal);
        Assert.DoesNotContain("http://identity", document, StringComparison.Ordinal);
        // Every URL anywhere in the document is on the public origin.
        foreach (var property in discovery.Json!.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            var value = property.Value.GetString()!;
            if (value.StartsWith("http", StringComparison.Ordinal))
            {
                Assert.StartsWith(Origin.ToString(), value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_standard_client_signs_in_with_code_and_PKCE_refreshes_signs_out_and_then_every_token_of_the_session_is_refused()
    {
        await using var context = await Townships.Browser.TabletAsync(_browser);
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = Origin.ToString(),
            ClientId = "relief-portal",
            Scope = "openid offline_access relief.api",
            RedirectUri = new Uri(Origin, "/signin-oidc").ToString(),
            PostLogoutRedirectUri = new Uri(Origin, "/signout-callback-oidc").ToString(),
            Browser = new ChromiumBrowser(context, "township-heishidu", CountyAppFixture.DemoPassword),
            LoadProfile = true,
            Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
        });

        var signedIn = await client.LoginAsync(new LoginRequest());

        Assert.False(signedIn.IsError, signedIn.Error);
        var first = signedIn.AccessToken!;
        Assert.Equal(Origin.ToString(), TokenRevocationTests.Payload(first).GetProperty("iss").GetString());
        // The user, from the userinfo endpoint: ids, roles and codes.
        Assert.Equal("township-heishidu", signedIn.User.FindFirst("name")?.Value);
        Assert.Equal(Heishidu, signedIn.User.FindFirst("township_code")?.Value);
        var ledger = $"/api/assessment/ledger?townshipCode={Heishidu}";
        using var viaGatewayFirst = Bearer(Origin, first);
        using var directFirst = Bearer(county.App.CreateHttpClient(ResourceNames.Assessment).BaseAddress!, first);
        Assert.Equal(HttpStatusCode.OK, (await viaGatewayFirst.GetAsync(ledger)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await directFirst.GetAsync(ledger)).StatusCode);

        var refreshed = await client.RefreshTokenAsync(signedIn.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.Error);
        var second = refreshed.AccessToken!;
        Assert.NotEqual(first, second);
        using var viaGateway = Bearer(Origin, second);
        using var direct = Bearer(county.App.CreateHttpClient(ResourceNames.Assessment).BaseAddress!, second);
        Assert.Equal(HttpStatusCode.OK, (await viaGateway.GetAsync(ledger)).StatusCode);

        var signedOut = await client.LogoutAsync(new LogoutRequest { IdTokenHint = refreshed.IdentityToken ?? signedIn.IdentityToken });
        Assert.False(signedOut.IsError, signedOut.Error);

        // Both access tokens of the session, at the gateway and at the service called directly, within seconds.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var caller in new[] { viaGateway, direct, viaGatewayFirst, directFirst })
        {
            await Eventually401Async(caller, ledger, clock);
        }

        Assert.True(clock.Elapsed < Within, $"refused after {clock.Elapsed.TotalSeconds:0.0} s");
        // The refresh token no longer redeems.
        var again = await client.RefreshTokenAsync(refreshed.RefreshToken ?? signedIn.RefreshToken!);
        Assert.True(again.IsError);
        Assert.Equal("invalid_grant", again.Error);
        // And the browser is signed out at Identity too: the next sign-in asks for the password again.
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Origin, $"/townships/{Hengshan}/pages/").ToString());
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_of_the_township_pages_ends_the_session_and_the_replayed_cookie_gets_401()
    {
        var pages = new Uri(Origin, $"/townships/{Hengshan}/pages/");
        await using var tablet = await Townships.Browser.TabletAsync(_browser);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync(pages.ToString());
        await Townships.Browser.SignInAsync(page, "visitor-hengshan", CountyAppFixture.DemoPassword);
        Assert.StartsWith("工作台", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.StartsWith(pages.ToString(), page.Url, StringComparison.Ordinal);
        var cookies = await tablet.CookiesAsync([pages.ToString()]);
        var session = cookies.Where(c => c.Name.StartsWith($"relief_township_{Hengshan}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.HttpOnly));
        var cookieHeader = string.Join("; ", session.Select(c => $"{c.Name}={c.Value}"));
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = pages };
        Assert.Equal(HttpStatusCode.OK, (await Get(replay, cookieHeader)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        Assert.Equal("已退出", await page.InnerTextAsync("h1"));
        Assert.Contains("您已安全退出登录。", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        // The next person at this PC is asked to sign in, not let in as the last one.
        await page.GetByRole(AriaRole.Link, new() { Name = "重新登录" }).ClickAsync();
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        // The cookie taken before signing out, replayed: 401 at the pages (and it was never a bearer token anywhere).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage replayed;
        while ((replayed = await Get(replay, cookieHeader)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the replayed cookie still got {replayed.StatusCode}");
            await Task.Delay(200);
        }

        Assert.True(clock.Elapsed < Within, $"refused after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("登录已失效", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // …and told to forget it, at the path it was set under.
        Assert.Contains(replayed.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith($"relief_township_{Hengshan}=;", StringComparison.Ordinal) && c.Contains($"path=/townships/{Hengshan}", StringComparison.OrdinalIgnoreCase)
            && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        using var asBearer = Bearer(Origin, session[0].Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asBearer.GetAsync($"/api/townships/{Hengshan}/worklist")).StatusCode);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string cookieHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Add("Cookie", cookieHeader);
        return client.SendAsync(request);
    }

    private static async Task Eventually401Async(HttpClient caller, string path, System.Diagnostics.Stopwatch clock)
    {
        while (true)
        {
            using var response = await caller.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{caller.BaseAddress} still answered {response.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static HttpClient Bearer(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The OIDC library's browser: Debian's Chromium, signing in on the county's page when it is shown, and handing the
    /// library the URL the flow ends at (as a native app's browser hands back its callback).
    /// </summary>
    private sealed class ChromiumBrowser(IBrowserContext context, string userName, string password) : Duende.IdentityModel.OidcClient.Browser.IBrowser
    {
        public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
        {
            var page = await context.NewPageAsync();
            var ended = Townships.Browser.WatchNavigationTo(page, options.EndUrl);
            await page.GotoAsync(options.StartUrl);
            if (!ended.Requested.IsCompleted && page.Url.Contains("/account/login", StringComparison.Ordinal))
            {
                await Townships.Browser.SignInAsync(page, userName, password);
            }

            string response;
            try
            {
                response = await ended.Requested.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The flow did not reach {options.EndUrl}; the browser is at {page.Url}: {await page.InnerTextAsync("body")}");
            }

            await ended.Settled;
            await page.CloseAsync();
            return new BrowserResult { ResultType = BrowserResultType.Success, Response = response };
        }
    }
}
