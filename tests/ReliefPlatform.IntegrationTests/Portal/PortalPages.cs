using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>The county hub's portal as a person uses it: its pages through the gateway, in Debian's Chromium.</summary>
internal sealed class PortalPages(IPage page, Uri gateway)
{
    public IPage Page => page;

    public string Url(string path) => new Uri(gateway, path).ToString();

    /// <summary>Opens the portal, is sent to the identity service's sign-in page and signs in there.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync(Url("/"));
        // The identity service's sign-in page. The portal sends the browser to /connect/authorize at the gateway; the
        // identity service's own redirect to its sign-in page still names its own address until it answers as the
        // gateway's public origin (its issuer work), so only the path is checked here.
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(Url("/"));
        await WaitForCircuitAsync();
    }

    public async Task OpenAsync(string path)
    {
        await page.GotoAsync(Url(path));
        await WaitForCircuitAsync();
    }

    /// <summary>
    /// Waits for a page a form's submission leads to; if it never comes, fails saying what the page showed instead (its
    /// alerts and field errors), so a refused or hung submission reads as such in a CI log.
    /// </summary>
    public async Task WaitForUrlAfterSubmitAsync(System.Text.RegularExpressions.Regex url)
    {
        try
        {
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException timeout)
        {
            var shown = await page.Locator(".ant-alert, .ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice").AllInnerTextsAsync();
            var busy = await page.Locator("button.ant-btn-loading").CountAsync();
            throw new TimeoutException(
                $"still at {new Uri(page.Url).AbsolutePath}; the page shows [{string.Join(" | ", shown)}], {busy} button(s) still loading", timeout);
        }
    }

    public Task<string> HeadingAsync() => page.InnerTextAsync("h1");

    public Task<string> HeaderAsync() => page.InnerTextAsync("header");

    public Task<string> MainAsync() => page.InnerTextAsync("main");

    /// <summary>
    /// Waits until the interactive circuit is up (the page answers clicks) and nothing is still loading. The script being
    /// there is not enough: a link followed before the circuit starts leaves the circuit rendering the page it started on.
    /// </summary>
    public async Task WaitForCircuitAsync()
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('#main[data-interactive]') !== null && document.querySelector('.ant-skeleton') === null");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Fails with every finding when axe-core finds anything serious or critical on the page as it is now.</summary>
    public async Task AssertAccessibleAsync()
    {
        var problems = await AccessibilityProblemsAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>axe-core's serious and critical findings on the page as it is now (none is the goal).</summary>
    public async Task<IReadOnlyList<string>> AccessibilityProblemsAsync()
    {
        AxeResult result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}) on {page.Url}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Html} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))}")];
    }

    /// <summary>
    /// A screenshot for README's "What it looks like", written into docs/screenshots when RELIEF_SCREENSHOTS=1 (a
    /// developer refreshing them), otherwise into the test's output folder only.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("RELIEF_SCREENSHOTS") == "1"
            ? Repository.File("docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), Type = ScreenshotType.Png });
    }
}
