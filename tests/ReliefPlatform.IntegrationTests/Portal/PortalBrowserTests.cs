using Microsoft.Playwright;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// What the portal's browser tests share: the county's portal up and healthy, one headless Debian Chromium per test
/// class, and a fresh browser (its own cookies, so its own sign-in) per person in a test.
/// </summary>
public abstract class PortalBrowserTests(CountyAppFixture county) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected CountyAppFixture County => county;

    protected IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The gateway does not wait for the portal; its tests do.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await county.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Portal, timeout.Token);
        (_playwright, Chromium) = await Townships.Browser.LaunchAsync();
        // Two cores shared by a whole county: an answer can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A browser of its own (a person at their desk), speaking Chinese, at the given screen size.</summary>
    private protected async Task<(IBrowserContext Context, PortalPages Portal)> OpenAsync(int width = 1366, int height = 768)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(60_000);
        return (context, new PortalPages(await context.NewPageAsync(), county.Gateway.BaseAddress!));
    }
}
