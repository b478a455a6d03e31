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
}
