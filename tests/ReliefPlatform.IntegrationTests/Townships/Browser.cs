using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Townships;

/// <summary>Debian's Chromium, headless, driven by Playwright (Playwright's own browser download is not used).</summary>
internal static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root, without a sandbox; and without the background traffic a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>A tablet in landscape (iPad-sized), speaking Chinese.</summary>
    public static Task<IBrowserContext> TabletAsync(IBrowser browser) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
        HasTouch = true,
        Locale = "zh-CN",
    });

    /// <summary>
    /// On the county's sign-in page (where the pages' authorization-code flow sends the browser): fills in and submits
    /// the user name and password.
    /// </summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }

    /// <summary>
    /// The URL of the first request the page makes under <paramref name="prefix"/>, seen as the browser requests it — also
    /// at the end of a redirect chain, where Playwright's routing does not apply (an OAuth callback, say).
    /// </summary>
    public static Task<string> FirstRequestUnder(IPage page, string prefix)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(prefix, StringComparison.Ordinal))
            {
                seen.TrySetResult(request.Url);
            }
        };
        return seen.Task;
    }

    /// <summary>
    /// Waits until the page has loaded a URL under <paramref name="prefix"/>. A page must not be closed while a navigation
    /// commits: Chromium can acknowledge such a close and never carry it out, and Playwright's close has no timeout
    /// (microsoft/playwright#42366) — a test closing a page on seeing its callback's request hung that way in a busy run.
    /// </summary>
    public static Task SettledUnderAsync(IPage page, string prefix) =>
        page.WaitForURLAsync(url => url.StartsWith(prefix, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
}
