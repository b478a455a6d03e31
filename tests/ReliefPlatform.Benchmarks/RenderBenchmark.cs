using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (f) The portal's pages as signed-in people load them, on the demo county: each of 20 users signed in through the
/// portal's own sign-in (authorization code + PKCE through the gateway, the session in the portal's cookie) loads the
/// 工作台 (<c>/</c>) or a household page (<c>/households/{id}</c>, households of their own township) in a closed loop. Measured
/// per request: time to the response's first byte (headers), and to its last byte — the prerendered page with the
/// data it shows, which the portal renders on the server before it sends the page.
/// </summary>
internal static partial class RenderBenchmark
{
    public const int Users = 20;

    /// <summary>The 20 users: county staff and each township's staff (walled to their township), and a village visitor.</summary>
    public static IReadOnlyList<(string User, string? Township)> People(IReadOnlyList<(string Code, string Slug)> townships) =>
        [("caseworker", null), ("county-admin", null), ("supervisor", null), .. townships.Select(t => ($"township-{t.Slug}", (string?)t.Code)),
         .. townships.Take(Math.Max(0, Users - 3 - townships.Count)).Select(t => ($"visitor-{t.Slug}", (string?)t.Code))];

    /// <summary>Whom the dashboard serves (the KPI API's readers), five sessions each: 20 people reading it at once.</summary>
    public static readonly string[] DashboardReaders =
        [.. Enumerable.Range(0, Users / 4).SelectMany(_ => new[] { "county-admin", "caseworker", "finance", "supervisor" })];

    /// <summary>The county's townships (code and slug) as the AppHost configures them.</summary>
    public static IReadOnlyList<(string Code, string Slug)> Townships(string appSettings)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(appSettings));
        return [.. json.RootElement.GetProperty("County").GetProperty("Townships").EnumerateArray()
            .Select(t => (t.GetProperty("Code").GetString()!, t.GetProperty("Slug").GetString()!))];
    }

    /// <summary>Signs the user in to the portal the way a browser does, following every redirect; returns the client holding the session cookie.</summary>
    public static async Task<HttpClient> SignInAsync(Uri gateway, string user, string password)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxAutomaticRedirections = 20 };
        var client = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        using var login = await client.GetAsync("/");
        var page = await login.Content.ReadAsStringAsync();
        if (login.RequestMessage?.RequestUri?.AbsolutePath != "/account/login")
        {
            throw new InvalidOperationException($"The portal did not send {user} to the sign-in page ({login.RequestMessage?.RequestUri?.AbsolutePath}).");
        }

        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(page).Groups[1].Value);
        using var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = returnUrl, ["username"] = user, ["password"] = password,
        }));
        if (!signedIn.IsSuccessStatusCode || signedIn.RequestMessage?.RequestUri?.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{user} did not reach the 工作台 after signing in: {(int)signedIn.StatusCode} {signedIn.RequestMessage?.RequestUri?.AbsolutePath}");
        }

        return client;
    }

    /// <summary>Households of each township (and county-wide) to open, read through the API as the caseworker.</summary>
    public static async Task<Dictionary<string, List<Guid>>> HouseholdsAsync(HttpClient api, IEnumerable<string> townships)
    {
        var result = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        foreach (var township in townships)
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={township}&pageSize=100");
            result[township] = [.. page.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())];
        }

        return result;
    }

    /// <summary>Every user loads pages in a closed loop for <paramref name="duration"/>; returns the first-byte and last-byte times in ms.</summary>
    public static async Task<(List<double> FirstByte, List<double> Complete, int Failed)> RunAsync(
        IReadOnlyList<(HttpClient Client, string? Township)> users, Func<string?, int, string> path, TimeSpan duration, string marker)
    {
        var firstByte = new List<double>();
        var complete = new List<double>();
        var failed = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select(async (u, i) =>
        {
            for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await u.Client.GetAsync(path(u.Township, (i * 7919) + n), HttpCompletionOption.ResponseHeadersRead);
                var headers = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var body = await response.Content.ReadAsStringAsync();
                var done = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // A page that is not the portal's page (a sign-in page, an error) is a failure, not a fast answer.
                var ok = response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath != "/account/login" && body.Contains(marker, StringComparison.Ordinal);
                lock (firstByte)
                {
                    if (ok)
                    {
                        firstByte.Add(headers);
                        complete.Add(done);
                    }
                    else
                    {
                        failed++;
                    }
                }
            }
        }));
        firstByte.Sort();
        complete.Sort();
        return (firstByte, complete, failed);
    }

    /// <summary>Each phase of the demo county's fill as its log reports it (“Demo county phase 7: history done in 812.4 s (…)”).</summary>
    public static async Task<List<(string Name, double Seconds, string Counts)>> DemoPhasesAsync(DistributedApplication app)
    {
        var resourceId = app.ResourceNotifications.TryGetCurrentState(ResourceNames.DemoCounty, out var state) ? state.ResourceId : ResourceNames.DemoCounty;
        var phases = new List<(string, double, string)>();
        // The testing host keeps the resource's log from the start: watching hands back the backlog, then goes quiet.
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(window.Token))
            {
                foreach (var line in batch)
                {
                    if (PhaseDone().Match(line.Content) is { Success: true } done)
                    {
                        phases.Add((done.Groups["name"].Value, double.Parse(done.Groups["seconds"].Value, CultureInfo.InvariantCulture), done.Groups["counts"].Value));
                    }
                    else if (Filled().Match(line.Content) is { Success: true } filled)
                    {
                        phases.Add(("(whole fill)", double.Parse(filled.Groups["seconds"].Value, CultureInfo.InvariantCulture), ""));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return phases;
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [GeneratedRegex(@"phase \d+: (?<name>\S+) done in (?<seconds>[\d.]+) s \((?<counts>.*)\)")]
    private static partial Regex PhaseDone();

    [GeneratedRegex(@"demo county is filled in (?<seconds>[\d.]+) s")]
    private static partial Regex Filled();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}
