using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Npgsql;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests;

/// <summary>
/// The whole county app — PostgreSQL, RabbitMQ, Redis, every hub service, two township centres and the
/// gateway — started once through the AppHost for every test in the collection, exactly as the run
/// command starts it (containers where a runtime answers, the Debian servers otherwise).
/// </summary>
public sealed class CountyAppFixture : IAsyncLifetime
{
    public static readonly string[] RunningTownships = ["hengshan", "foziling"];

    /// <summary>The demo users' password for this run, handed to the AppHost like a developer's secret.</summary>
    public static readonly string DemoPassword = $"Ts{Guid.NewGuid():N}"[..14] + "7Q";

    /// <summary>
    /// The identity service's token signing key for this run, handed to the AppHost like any kept secret, so tests
    /// can sign tokens that are genuine in every respect but the one under test (expired, another issuer …).
    /// </summary>
    public static readonly System.Security.Cryptography.RSA TokenSigningKey = System.Security.Cryptography.RSA.Create(2048);

    /// <summary>
    /// Recurring services' orders are made this many periods ahead in the test county (a county setting, default 1): two,
    /// so a weekly line shows three weeks of orders — each with its money reserved — without waiting weeks.
    /// </summary>
    public const int RecurringPeriodsAhead = 2;

    /// <summary>
    /// How long a county (this one, or a test's own) may take to start: a quiet machine starts one in about a minute, but one
    /// shared with builds, benchmarks or a second county can take several. Only how long a broken start takes to fail.
    /// </summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(8);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new(StringComparer.Ordinal);
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The county app has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public TimeSpan StartedIn { get; private set; }

    /// <summary>When every service had reported healthy: what was logged until then belongs to the start-up.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    /// <summary>Every span and log record the services exported during the run.</summary>
    public TelemetryReceiver Telemetry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartLimit);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Telemetry = await TelemetryReceiver.StartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
            [$"--Townships:Run={string.Join(',', RunningTownships)}", $"--Secrets:demo-password={DemoPassword}", "--Gateway:Replicas=2",
             $"--Delivery:Recurring:PeriodsAhead={RecurringPeriodsAhead}",
             // No demo county: every test counts exactly what it made.
             "--Demo:Seed=false",
             $"--Secrets:token-signing-key={Convert.ToBase64String(TokenSigningKey.ExportPkcs8PrivateKey())}",
             $"--Telemetry:OtlpEndpoint={Telemetry.Address.ToString().TrimEnd('/')}"], timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);

        var resources = new List<string> { ResourceNames.Gateway, ResourceNames.Identity };
        resources.AddRange(ResourceNames.HubServices);
        resources.AddRange(RunningTownships.Select(ResourceNames.TownshipService));
        await WaitHealthyOrSayWhyAsync(_app, resources, timeout.Token);
        StartedIn = started.Elapsed;
        ReadyAt = DateTimeOffset.UtcNow;

        Gateway = _app.CreateHttpClient(ResourceNames.Gateway);
    }

    /// <summary>
    /// Waits until every resource is healthy; when the time runs out, the failure names the resources that were not and
    /// ends with what each wrote last, so a service that fell over at start says why.
    /// </summary>
    public static async Task WaitHealthyOrSayWhyAsync(DistributedApplication app, IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r, cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            var report = new System.Text.StringBuilder("The county did not become healthy in time.");
            foreach (var resource in resources)
            {
                var state = app.ResourceNotifications.TryGetCurrentState(resource, out var current)
                    ? $"{current.Snapshot.State?.Text} / {current.Snapshot.HealthStatus}" : "unknown";
                if (state.EndsWith("Healthy", StringComparison.Ordinal) && !state.EndsWith("Unhealthy", StringComparison.Ordinal))
                {
                    continue;
                }

                report.AppendLine().Append(resource).Append(": ").Append(state);
                foreach (var line in (await Infrastructure.ResourceLogs.ReadAsync(app, resource)).TakeLast(25))
                {
                    report.AppendLine().Append("    ").Append(line);
                }
            }

            throw new InvalidOperationException(report.ToString());
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            (await client.Value).Dispose();
        }

        Gateway?.Dispose();
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Stops one resource (a service or a server) with the dashboard's own command and waits until it has stopped.</summary>
    public async Task StopResourceAsync(string resource)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stopping {resource}: {result.Message}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.ResourceNotifications.WaitForResourceAsync(resource, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        await UntilItStopsAnsweringAsync(resource, timeout.Token);
    }

    /// <summary>
    /// A service is reported stopped when the process DCP started has exited; the service itself may answer for a moment
    /// more (seen in CI: Provider answered one eligibility question after its stop had returned). Waits until its
    /// liveness endpoint no longer answers, so a test that stopped it sees it gone.
    /// </summary>
    private async Task UntilItStopsAnsweringAsync(string resource, CancellationToken cancellationToken)
    {
        Uri endpoint;
        try
        {
            endpoint = App.GetEndpoint(resource, "http");
        }
        catch (Exception)
        {
            return; // a server without an HTTP endpoint: its terminal state is the end of it
        }

        using var probe = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                using var answer = await probe.GetAsync(new Uri(endpoint, "/alive"), cancellationToken);
                if (!answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resource)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"starting {resource}: {result.Message}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    /// <summary>An access token for a demo user, obtained from the identity service through the gateway.</summary>
    public async Task<string> TokenAsync(string userName, string? password = null, string? audience = null) =>
        (await IssuedTokenAsync(userName, password, audience)).AccessToken;

    /// <summary>An access token and when it expires (the identity service's <c>expires_in</c>).</summary>
    private async Task<(string AccessToken, DateTimeOffset ExpiresAt)> IssuedTokenAsync(string userName, string? password = null, string? audience = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "relief-cli",
            ["scope"] = "relief.api",
            ["username"] = userName,
            ["password"] = password ?? DemoPassword,
        };
        if (audience is not null)
        {
            form["relief_audience"] = audience;
        }

        using var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return response.IsSuccessStatusCode
            ? (body.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32()))
            : throw new InvalidOperationException($"No token for {userName}: {body}");
    }

    /// <summary>
    /// A client of <paramref name="resource"/> (the gateway by default) signed in as a demo user. The client is kept for
    /// the whole run, which outlasts an access token (30 minutes), so it signs in again shortly before its token expires,
    /// as the portal and the township centres do.
    /// </summary>
    public Task<HttpClient> ClientForAsync(string userName, string resource = ResourceNames.Gateway) =>
        _clients.GetOrAdd($"{resource}/{userName}", _ => new Lazy<Task<HttpClient>>(async () =>
        {
            var signedIn = new SignedInHandler(() => IssuedTokenAsync(userName)) { InnerHandler = new SocketsHttpHandler() };
            var client = new HttpClient(signedIn) { BaseAddress = App.GetEndpoint(resource) };
            await signedIn.TokenAsync(CancellationToken.None); // a user who cannot sign in fails here, as before
            return client;
        })).Value;

    /// <summary>Puts a demo user's bearer token on every request that has none, renewing it a few minutes before it expires.</summary>
    private sealed class SignedInHandler(Func<Task<(string AccessToken, DateTimeOffset ExpiresAt)>> issue) : DelegatingHandler
    {
        private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
        private readonly SemaphoreSlim _gate = new(1, 1);
        private (string AccessToken, DateTimeOffset ExpiresAt)? _token;

        public async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_token is not { } token || token.ExpiresAt - DateTimeOffset.UtcNow < RenewBefore)
                {
                    _token = token = await issue();
                }

                return token.AccessToken;
            }
            finally
            {
                _gate.Release();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource)
        ?? throw new InvalidOperationException($"The app has no connection string for {resource}.");

    /// <summary>A connection string to a database of the test's own on the county's PostgreSQL server (created on first use).</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)))
        {
            Database = $"it_{Guid.NewGuid():N}",
        };
        return server.ConnectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class CountyCollection : ICollectionFixture<CountyAppFixture>
{
    public const string Name = "county";
}
