using Aspire.Hosting;
using Aspire.Hosting.Testing;
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

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The county app has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
            [$"--Townships:Run={string.Join(',', RunningTownships)}"], timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);

        var resources = new List<string> { ResourceNames.Gateway };
        resources.AddRange(ResourceNames.HubServices);
        resources.AddRange(RunningTownships.Select(ResourceNames.TownshipService));
        await Task.WhenAll(resources.Select(r => _app.ResourceNotifications.WaitForResourceHealthyAsync(r, timeout.Token)));
        StartedIn = started.Elapsed;

        Gateway = _app.CreateHttpClient(ResourceNames.Gateway);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
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
