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

    /// <summary>
    /// A screenshot for README's "What it looks like", written into docs/screenshots when RELIEF_SCREENSHOTS=1 (a
    /// developer refreshing them), otherwise into the test's output folder only.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("RELIEF_SCREENSHOTS") == "1"
            ? Repository.File("docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), Type = ScreenshotType.Png });
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
    /// Watches for the page's navigation to a URL under <paramref name="prefix"/> (an OAuth callback, say), seen as the
    /// browser requests it — also at the end of a redirect chain, where Playwright's routing does not apply.
    /// <see cref="Callback.Settled"/> completes at the first page load after that request, wherever it ended: a page must
    /// not be closed while a navigation commits, because Chromium can acknowledge such a close and never carry it out and
    /// Playwright's close has no timeout (microsoft/playwright#42366) — a test closing a page on seeing its callback's
    /// request hung that way in a busy run.
    /// </summary>
    public static Callback WatchNavigationTo(IPage page, string prefix)
    {
        var requested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Url.StartsWith(prefix, StringComparison.Ordinal))
            {
                requested.TrySetResult(request.Url);
            }
        };
        page.Load += (_, _) =>
        {
            if (requested.Task.IsCompleted)
            {
                settled.TrySetResult();
            }
        };
        return new Callback(requested.Task, settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>The URL the browser requested, and the load that followed it.</summary>
    public sealed record Callback(Task<string> Requested, Task Settled);
}
